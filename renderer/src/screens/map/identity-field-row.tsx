import { useId } from 'react';

import { IDENTITY_FIELD_LABELS } from '../../../../shared/cadent-fields';
import { splitFullName } from '../../../../shared/name-split';

import { ColumnOptions } from './column-options';
import { MapLine } from './map-line';
import { SampleValues } from './sample-values';
import { columnSamples, samplesAreHashes } from './samples';

import type { IdentityField } from '../../../../shared/cadent-fields';
import type { FileView } from '../../../../shared/ipc-api';
import type { IdentityMapping } from '../../../../shared/mapping';
import type { Suggestion } from '../../state/app-state';

interface IdentityFieldRowProps {
  field: IdentityField;
  file: FileView;
  value: IdentityMapping | undefined;
  candidates: Suggestion['candidates'] | null;
  isMatchKey: boolean;
  onChange: (value: IdentityMapping | undefined) => void;
  /** Asks before hashing goes off on values that are not hashes already. */
  onRequestUnhashed: (field: IdentityField, column: string) => void;
}

const CONSTANT = '\u0000constant';

/** One identity field: its column (or a full name's part, or a constant), samples, hash toggle. */
export function IdentityFieldRow({
  field,
  file,
  value,
  candidates,
  isMatchKey,
  onChange,
  onRequestUnhashed,
}: IdentityFieldRowProps) {
  const labelId = useId();
  const selectId = useId();
  const constantId = useId();
  const label = IDENTITY_FIELD_LABELS[field];
  const source = value?.source;
  const column = source && 'column' in source ? source.column : undefined;
  const namePart = source && 'namePart' in source ? source.namePart : undefined;
  const splittable = field === 'fn' || field === 'ln';
  const part = field === 'ln' ? 'last' : 'first';
  const hash = value?.hash ?? true;

  const samples = column ? columnSamples(file, column) : [];
  const shownSamples =
    namePart !== undefined ? samples.map((sample) => splitFullName(sample)[namePart]) : samples;
  const alreadyHashed = column !== undefined && samplesAreHashes(file, column);
  const ranked = namePart !== undefined ? candidates?.['full-name'] : candidates?.[field];

  const select = (next: string) => {
    if (next === '') return onChange(undefined);
    const keep = { hash: value?.hash ?? true, sendUnhashedConfirmed: false };
    if (next === CONSTANT) return onChange({ ...keep, source: { constant: '' } });
    // A new column has new values: an earlier "send unhashed" confirmation does not carry over.
    onChange({
      ...keep,
      hash: samplesAreHashes(file, next) ? keep.hash : true,
      source: namePart ? { column: next, namePart } : { column: next },
    });
  };

  const setSource = (next: IdentityMapping['source']) => {
    if (value) onChange({ ...value, source: next });
  };

  const toggleHash = (on: boolean) => {
    if (!value) return;
    if (on) return onChange({ ...value, hash: true, sendUnhashedConfirmed: false });
    if (column && !alreadyHashed) return onRequestUnhashed(field, column);
    onChange({ ...value, hash: false, sendUnhashedConfirmed: false });
  };

  let hashNote: string | null = null;
  if (value && !hash) {
    hashNote = value.sendUnhashedConfirmed
      ? 'Hashing is off: values are sent as they are. You confirmed that raw PII leaves this machine.'
      : 'Hashing is off: values that are not SHA-256 hashes are held back.';
  } else if (value && alreadyHashed) {
    hashNote = 'These values are SHA-256 hashes already; they are sent as they are.';
  }

  return (
    <MapLine
      label={label}
      fieldKey={field}
      labelId={labelId}
      highlighted={isMatchKey}
      badges={isMatchKey ? <span className="badge badge--accent">Match key · required</span> : null}
      help={hashNote ? <span className={hash ? 'muted' : 'text-warning'}>{hashNote}</span> : null}
      aside={
        <div className="identity-aside">
          {column ? (
            <SampleValues values={shownSamples} label={`Sample values for ${label}`} />
          ) : (
            <span className="muted">Not sent</span>
          )}
          <label className={`switch${value ? '' : ' switch--disabled'}`}>
            <input
              type="checkbox"
              role="switch"
              className="switch__input"
              checked={hash}
              disabled={!value}
              onChange={(event) => toggleHash(event.target.checked)}
              aria-label={`Hash ${label} before sending`}
            />
            <span className="switch__track" aria-hidden="true" />
            <span className="switch__label">Hash</span>
          </label>
        </div>
      }
    >
      <label htmlFor={selectId} className="visually-hidden">
        Column for {label}
      </label>
      <select
        id={selectId}
        className="input"
        value={source && 'constant' in source ? CONSTANT : (column ?? '')}
        onChange={(event) => select(event.target.value)}
      >
        <option value="">Not mapped</option>
        <ColumnOptions headers={file.headers} candidates={ranked} />
        <option value={CONSTANT}>Same value for every row…</option>
      </select>
      {source && 'constant' in source ? (
        <>
          <label htmlFor={constantId} className="visually-hidden">
            {label} for every row
          </label>
          <input
            id={constantId}
            className="input"
            value={source.constant}
            placeholder={field === 'country' ? 'US' : ''}
            onChange={(event) => setSource({ constant: event.target.value })}
          />
        </>
      ) : null}
      {splittable && column ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={namePart !== undefined}
            onChange={(event) =>
              setSource(event.target.checked ? { column, namePart: part } : { column })
            }
          />
          <span>Split from a full name (take the {part} part)</span>
        </label>
      ) : null}
    </MapLine>
  );
}
