import { useEffect, useId, useRef, useState } from 'react';

import { call } from '../../bridge';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { ErrorNotice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { plural } from '../../format';
import { useLoad } from '../../hooks/use-load';
import { useAppDispatch, useAppState, useCurrentCheck, useMatchKey } from '../../state/app-state';
import { useCheckRun } from '../../state/check-run';

import { CheckPanel } from './check-panel';
import { EventsJson } from './events-json';
import { EventsTable } from './events-table';
import { TracePanel } from './trace-panel';

import type { KeyboardEvent } from 'react';

/** How many events the preview builds: enough to judge, few enough to read. */
const PREVIEW_LIMIT = 20;

const VIEWS = [
  { id: 'table', label: 'Table' },
  { id: 'json', label: 'JSON' },
] as const;
type View = (typeof VIEWS)[number]['id'];

/** Step 3: the first events exactly as sent, a trace per row, and the full-file check. */
export function PreviewScreen() {
  const { file, mapping } = useAppState();
  const check = useCurrentCheck();
  const dispatch = useAppDispatch();
  const matchKey = useMatchKey();
  const checkRun = useCheckRun();
  const [view, setView] = useState<View>('table');
  const [selected, setSelected] = useState(0);
  const tabsId = useId();
  const tabRefs = useRef<Partial<Record<View, HTMLButtonElement | null>>>({});

  const preview = useLoad(
    () =>
      file && mapping
        ? call('previewEvents', { path: file.path, mapping, matchKey, limit: PREVIEW_LIMIT })
        : Promise.resolve([]),
    [file?.path, mapping, matchKey],
  );

  const { status: checkStatus, start: startCheck } = checkRun;
  useEffect(() => {
    // The check starts by itself the first time this file and mapping are previewed.
    if (file && mapping && !check && checkStatus === 'idle') startCheck();
    // Only on arrival: a cancelled check stays cancelled until the user asks again.
  }, []);

  if (!file || !mapping) {
    return (
      <div className="screen">
        <PageHeader title="Preview" />
        <EmptyState
          title="Nothing to preview yet"
          action={
            <button
              type="button"
              className="button button--primary"
              onClick={() => dispatch({ type: 'navigate', screen: file ? 'map' : 'import' })}
            >
              {file ? 'Go to Map' : 'Go to Import'}
            </button>
          }
        >
          <p>
            Import a file and map its columns; the events it makes are shown here before sending.
          </p>
        </EmptyState>
      </div>
    );
  }

  const moveTab = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = VIEWS.findIndex((option) => option.id === view);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % VIEWS.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + VIEWS.length) % VIEWS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? VIEWS.length - 1
              : null;
    if (to === null) return;
    event.preventDefault();
    const next = VIEWS[to];
    if (!next) return;
    setView(next.id);
    tabRefs.current[next.id]?.focus();
  };

  const events = preview.value ?? [];
  const current = events[selected] ?? events[0] ?? null;
  const canUpload = check !== null && check.valid > 0;

  return (
    <div className="screen screen--with-footer">
      <PageHeader
        title="Preview"
        description={`${
          events.length > 0 && events.length < PREVIEW_LIMIT
            ? `Every event of ${file.name} (${plural(events.length, 'event')})`
            : `The first ${PREVIEW_LIMIT} events of ${file.name}`
        } exactly as they will be sent.`}
      />

      <section className="card section" aria-labelledby="preview-events-title">
        <div className="section__header">
          <h2 id="preview-events-title" className="section__title">
            First events
          </h2>
          <div
            className="segmented"
            role="tablist"
            aria-label="Show events as"
            onKeyDown={(event) => moveTab(event)}
          >
            {VIEWS.map((option) => (
              <button
                key={option.id}
                ref={(element) => {
                  tabRefs.current[option.id] = element;
                }}
                id={`${tabsId}-${option.id}`}
                type="button"
                role="tab"
                aria-selected={view === option.id}
                aria-controls={`${tabsId}-panel`}
                // One tab stop for the group: the arrow keys move between the tabs.
                tabIndex={view === option.id ? 0 : -1}
                className="segmented__option"
                onClick={() => setView(option.id)}
              >
                {option.label}
              </button>
            ))}
          </div>
        </div>
        <div
          role="tabpanel"
          className="tab-panel"
          id={`${tabsId}-panel`}
          aria-labelledby={`${tabsId}-${view}`}
        >
          {preview.status === 'error' ? (
            <ErrorNotice title="The preview could not be built" message={preview.error} />
          ) : null}
          {preview.status === 'loading' && preview.value === null ? (
            <Loading label="Building the first events…" />
          ) : null}
          {preview.value !== null && events.length === 0 ? (
            <p className="muted">The file has no data rows.</p>
          ) : null}
          {events.length > 0 && view === 'table' ? (
            <EventsTable events={events} selected={selected} onSelect={setSelected} />
          ) : null}
          {events.length > 0 && view === 'json' ? <EventsJson events={events} /> : null}
        </div>
      </section>

      {current && view === 'table' ? <TracePanel built={current} /> : null}

      <CheckPanel run={checkRun} summary={check} groupBy={mapping.groupBy ?? null} />

      <footer className="action-bar">
        <div className="action-bar__status" aria-live="polite">
          {check && check.valid === 0 ? (
            <span className="text-error">No row of this file can be sent.</span>
          ) : check ? (
            <span className="text-success">{plural(check.valid, 'event')} ready to upload.</span>
          ) : (
            <span className="muted">The upload opens once the whole file is checked.</span>
          )}
        </div>
        <button
          type="button"
          className="button"
          onClick={() => dispatch({ type: 'navigate', screen: 'map' })}
        >
          Back to mapping
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!canUpload}
          onClick={() => dispatch({ type: 'navigate', screen: 'upload' })}
        >
          Continue to upload
        </button>
      </footer>
    </div>
  );
}
