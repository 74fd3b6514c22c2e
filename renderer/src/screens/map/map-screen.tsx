import { useState } from 'react';

import { IDENTITY_FIELDS } from '../../../../shared/cadent-fields';
import { mappingProblems } from '../../../../shared/mapping';
import { call, errorMessage } from '../../bridge';
import { DatasetPicker } from '../../components/dataset-picker';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice, Notice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { useLoad } from '../../hooks/use-load';
import { useAppDispatch, useAppState, useMatchKey } from '../../state/app-state';

import { EventFields } from './event-fields';
import { IdentityFieldRow } from './identity-field-row';
import { MapLinesHeader } from './map-line';
import { MappingOptions } from './mapping-options';
import { privacyWarnings } from './privacy';
import { PropertyList } from './property-list';
import { UnhashedDialog } from './unhashed-dialog';

import type { IdentityField } from '../../../../shared/cadent-fields';
import type { Mapping } from '../../../../shared/mapping';

/** Step 2: where each Cadent field comes from, checked against the dataset's match key. */
export function MapScreen() {
  const { file, mapping, suggestion } = useAppState();
  const dispatch = useAppDispatch();
  const matchKey = useMatchKey();
  const settings = useLoad(() => call('getSettings'), []);
  const [unhashedRequest, setUnhashedRequest] = useState<{
    field: IdentityField;
    column: string;
  } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  if (!file || !mapping) {
    return (
      <div className="screen">
        <PageHeader title="Map" />
        <EmptyState
          title="No file yet"
          action={
            <button
              type="button"
              className="button button--primary"
              onClick={() => dispatch({ type: 'navigate', screen: 'import' })}
            >
              Go to Import
            </button>
          }
        >
          <p>Import a CSV file first; its columns are then matched to Cadent's fields here.</p>
        </EmptyState>
      </div>
    );
  }

  const setMapping = (next: Mapping) => {
    setSaveError(null);
    dispatch({ type: 'setMapping', mapping: next });
  };
  const setIdentity = (field: IdentityField, value: Mapping['identity'][IdentityField]) => {
    const identity = { ...mapping.identity };
    if (value) identity[field] = value;
    else delete identity[field];
    setMapping({ ...mapping, identity });
  };

  const problems = mappingProblems(mapping, file.headers, matchKey);
  const warnings = privacyWarnings(file, mapping);
  const saved = suggestion?.saved ?? null;
  const usingSaved = saved !== null && mapping === saved;
  const defaultTimeZone = settings.value?.defaultTimeZone ?? 'UTC';

  const goToPreview = async (save: boolean) => {
    if (save) {
      setSaving(true);
      setSaveError(null);
      try {
        await call('saveMapping', { headers: file.headers, mapping });
      } catch (error) {
        setSaveError(errorMessage(error));
        return;
      } finally {
        setSaving(false);
      }
    }
    dispatch({ type: 'navigate', screen: 'preview' });
  };

  return (
    <div className="screen screen--with-footer">
      <PageHeader
        title="Map"
        description={
          <>
            For each Cadent field, pick a column of <strong>{file.name}</strong> or one value for
            every event.
          </>
        }
      />

      <section className="card section" aria-labelledby="map-dataset-title">
        <div className="section__header">
          <div>
            <h2 id="map-dataset-title" className="section__title">
              Dataset
            </h2>
            <p className="section__description">Every event must carry the dataset's match key.</p>
          </div>
        </div>
        <DatasetPicker />
      </section>

      {saved && !usingSaved ? (
        <Notice
          tone="info"
          title="A mapping was saved for files with these headers"
          actions={
            <button type="button" className="button" onClick={() => setMapping(saved)}>
              Use the mapping saved for these headers
            </button>
          }
        >
          It was saved the last time a file with the same columns was uploaded.
        </Notice>
      ) : null}
      {usingSaved ? (
        <Notice tone="success" title="Using the mapping saved for these headers" />
      ) : null}
      {suggestion && suggestion.notes.length > 0 && !usingSaved ? (
        <details className="disclosure">
          <summary className="disclosure__summary">
            What was matched from the headers ({suggestion.notes.length})
          </summary>
          <ul className="disclosure__list">
            {suggestion.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      ) : null}

      <section className="card section" aria-labelledby="map-event-title">
        <div className="section__header">
          <h2 id="map-event-title" className="section__title">
            Event
          </h2>
        </div>
        <EventFields
          file={file}
          mapping={mapping}
          candidates={suggestion?.candidates ?? null}
          defaultTimeZone={defaultTimeZone}
          onChange={setMapping}
        />
      </section>

      <section className="card section" aria-labelledby="map-identity-title">
        <div className="section__header">
          <div>
            <h2 id="map-identity-title" className="section__title">
              Identity fields
            </h2>
            <p className="section__description">
              Normalized and SHA-256 hashed on this computer before anything is sent.
            </p>
          </div>
        </div>
        <div className="map-lines">
          <MapLinesHeader source="Column" aside="Sample values and hashing" />
          {IDENTITY_FIELDS.map((field) => (
            <IdentityFieldRow
              key={field}
              field={field}
              file={file}
              value={mapping.identity[field]}
              candidates={suggestion?.candidates ?? null}
              isMatchKey={field === matchKey}
              onChange={(value) => setIdentity(field, value)}
              onRequestUnhashed={(requestField, column) =>
                setUnhashedRequest({ field: requestField, column })
              }
            />
          ))}
        </div>
      </section>

      <div className="card">
        <PropertyList
          kind="eventProperties"
          title="Event properties"
          description="Facts about the conversion, such as value and currency."
          file={file}
          mapping={mapping}
          warnings={warnings}
          onChange={setMapping}
        />
      </div>
      <div className="card">
        <PropertyList
          kind="userProperties"
          title="User properties"
          description="Facts about the person, such as a loyalty tier. Sent unhashed."
          file={file}
          mapping={mapping}
          warnings={warnings}
          onChange={setMapping}
        />
      </div>
      <div className="card">
        <MappingOptions file={file} mapping={mapping} onChange={setMapping} />
      </div>

      {saveError ? (
        <ErrorNotice
          title="The mapping could not be saved"
          message={saveError}
          actions={
            <button type="button" className="button" onClick={() => void goToPreview(false)}>
              Continue without saving
            </button>
          }
        />
      ) : null}

      <footer className="action-bar">
        <div className="action-bar__status" aria-live="polite">
          {problems.length === 0 ? (
            <span className="text-success">Ready to preview.</span>
          ) : (
            <details className="action-bar__problems">
              <summary>
                {problems.length === 1 ? '1 thing to fix' : `${problems.length} things to fix`}:{' '}
                {problems[0]}
              </summary>
              <ul>
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
        <button
          type="button"
          className="button"
          onClick={() => dispatch({ type: 'navigate', screen: 'import' })}
        >
          Back
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={problems.length > 0 || saving}
          onClick={() => void goToPreview(true)}
        >
          {saving ? 'Saving mapping…' : 'Continue to preview'}
        </button>
      </footer>

      <UnhashedDialog
        request={unhashedRequest}
        onCancel={() => setUnhashedRequest(null)}
        onConfirm={() => {
          if (!unhashedRequest) return;
          const current = mapping.identity[unhashedRequest.field];
          if (current) {
            setIdentity(unhashedRequest.field, {
              ...current,
              hash: false,
              sendUnhashedConfirmed: true,
            });
          }
          setUnhashedRequest(null);
        }}
      />
    </div>
  );
}
