import { useEffect, useId, useState } from 'react';

import { formatDateTime } from '../../format';

import { EMPTY_FILTER_FORM, isReversedRange } from './log-filter-state';

import type { UploadView } from '../../../../shared/ipc-api';
import type { LogFilterForm } from './log-filter-state';

interface LogFiltersProps {
  form: LogFilterForm;
  uploads: UploadView[];
  onChange: (form: LogFilterForm) => void;
}

/** Status, dataset, date range and upload; the dataset applies once typing pauses. */
export function LogFilters({ form, uploads, onChange }: LogFiltersProps) {
  const ids = {
    status: useId(),
    dataset: useId(),
    since: useId(),
    until: useId(),
    upload: useId(),
    rangeError: useId(),
  };
  const reversed = isReversedRange(form);
  const [dataset, setDataset] = useState(form.datasetId);

  useEffect(() => setDataset(form.datasetId), [form.datasetId]);
  useEffect(() => {
    if (dataset === form.datasetId) return;
    const timer = window.setTimeout(() => onChange({ ...form, datasetId: dataset }), 300);
    return () => window.clearTimeout(timer);
  }, [dataset, form, onChange]);

  const set = (change: Partial<LogFilterForm>) => onChange({ ...form, ...change });
  const filtered =
    form.status !== 'all' || form.datasetId || form.uploadId || form.since || form.until;

  return (
    <form
      className="filter-bar"
      aria-label="Filter the request log"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field">
        <label htmlFor={ids.status} className="field__label">
          Status
        </label>
        <select
          id={ids.status}
          className="input"
          value={form.status}
          onChange={(event) => set({ status: event.target.value as LogFilterForm['status'] })}
        >
          <option value="all">All</option>
          <option value="ok">OK (2xx)</option>
          <option value="error">Errors</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.dataset} className="field__label">
          Dataset
        </label>
        <input
          id={ids.dataset}
          className="input input--mono"
          value={dataset}
          placeholder="Any"
          spellCheck={false}
          onChange={(event) => setDataset(event.target.value)}
        />
      </div>
      <DateField
        id={ids.since}
        label="From"
        value={form.since}
        invalidBy={reversed ? ids.rangeError : null}
        onChange={(since) => set({ since })}
      />
      <DateField
        id={ids.until}
        label="To"
        value={form.until}
        invalidBy={reversed ? ids.rangeError : null}
        onChange={(until) => set({ until })}
      />
      <div className="field filter-bar__upload">
        <label htmlFor={ids.upload} className="field__label">
          Upload
        </label>
        <select
          id={ids.upload}
          className="input"
          value={form.uploadId}
          onChange={(event) => set({ uploadId: event.target.value })}
        >
          <option value="">All uploads and tests</option>
          {uploads.map((upload) => (
            <option key={upload.id} value={upload.id}>
              {baseName(upload.filePath)} · {upload.datasetId} · {formatDateTime(upload.createdAt)}
            </option>
          ))}
          {form.uploadId && !uploads.some((upload) => upload.id === form.uploadId) ? (
            <option value={form.uploadId}>Upload {form.uploadId.slice(0, 8)}</option>
          ) : null}
        </select>
      </div>
      {reversed ? (
        <p id={ids.rangeError} className="filter-bar__error text-error" role="alert">
          From is after To.
        </p>
      ) : null}
      <button
        type="button"
        className="button button--quiet filter-bar__clear"
        disabled={!filtered}
        onClick={() => {
          setDataset('');
          onChange(EMPTY_FILTER_FORM);
        }}
      >
        Clear filters
      </button>
    </form>
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** One end of the date range; `invalidBy` is the id of the message saying what is wrong. */
function DateField(props: {
  id: string;
  label: string;
  value: string;
  invalidBy: string | null;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id} className="field__label">
        {props.label}
      </label>
      <input
        id={props.id}
        className={`input${props.invalidBy ? ' input--invalid' : ''}`}
        type="date"
        aria-invalid={props.invalidBy ? true : undefined}
        aria-describedby={props.invalidBy ?? undefined}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
