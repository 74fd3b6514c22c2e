import { useCallback, useRef, useState } from 'react';

import { call, errorMessage } from '../../bridge';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { ErrorNotice, Notice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { formatNumber, plural } from '../../format';
import { useLoad } from '../../hooks/use-load';
import { useAppDispatch, useAppState } from '../../state/app-state';

import { LogDetail } from './log-detail';
import { filterFromForm, formFromFilter, isReversedRange } from './log-filter-state';
import { LogFilters } from './log-filters';
import { LogTable } from './log-table';

import type { LogFilterForm } from './log-filter-state';

const PAGE_SIZE = 50;

/** Every request the app made, newest first: filter, read one in full, export. */
export function RequestLogScreen() {
  const { logPreset } = useAppState();
  const dispatch = useAppDispatch();
  const [form, setForm] = useState<LogFilterForm>(() => formFromFilter(logPreset));
  const [offset, setOffset] = useState(0);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const layout = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState(false);
  const [exportResult, setExportResult] = useState<
    { ok: true; path: string; rows: number } | { ok: false; message: string } | null
  >(null);

  const filter = filterFromForm(form);
  const filterKey = JSON.stringify(filter);
  const page = useLoad(
    () => call('queryLog', { filter, limit: PAGE_SIZE, offset }),
    [filterKey, offset],
  );
  const uploads = useLoad(() => call('listUploads'), []);
  const settings = useLoad(() => call('getSettings'), []);

  const changeFilter = useCallback((next: LogFilterForm) => {
    setForm(next);
    setOffset(0);
  }, []);

  const exportLog = async (format: 'csv' | 'json') => {
    setExporting(true);
    setExportResult(null);
    try {
      const saved = await call('exportLog', { filter, format });
      if (saved) setExportResult({ ok: true, ...saved });
    } catch (error) {
      setExportResult({ ok: false, message: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  };

  // Closing the detail (Escape or its button) puts focus back on the request's row.
  const closeDetail = () => {
    if (selectedId === null) return;
    setSelectedId(null);
    layout.current?.querySelector<HTMLElement>(`tr[data-entry-id="${selectedId}"]`)?.focus();
  };

  const total = page.value?.total ?? 0;
  const entries = page.value?.entries ?? [];
  const filtered = Object.keys(filter).length > 0;
  const retention = settings.value?.logRetentionDays;

  return (
    <div className="screen">
      <PageHeader
        title="Request log"
        description="Every request to Cadent, with the body exactly as sent (identity fields hashed) and the answer."
        actions={
          <>
            <button
              type="button"
              className="button"
              disabled={exporting || total === 0}
              onClick={() => void exportLog('csv')}
            >
              Export CSV…
            </button>
            <button
              type="button"
              className="button"
              disabled={exporting || total === 0}
              onClick={() => void exportLog('json')}
            >
              Export JSON…
            </button>
          </>
        }
      />
      <p className="retention-note muted">
        {retention === undefined
          ? null
          : retention === 0
            ? 'Entries are kept until you delete the app data. '
            : `Entries older than ${plural(retention, 'day')} are deleted. `}
        <button
          type="button"
          className="link-button"
          onClick={() => dispatch({ type: 'navigate', screen: 'settings' })}
        >
          Change retention in Settings
        </button>
      </p>
      {exportResult?.ok ? (
        <Notice tone="success" title={`${plural(exportResult.rows, 'entry', 'entries')} exported`}>
          <span className="mono">{exportResult.path}</span>
        </Notice>
      ) : null}
      {exportResult && !exportResult.ok ? (
        <ErrorNotice title="The log was not exported" message={exportResult.message} />
      ) : null}

      <LogFilters form={form} uploads={uploads.value ?? []} onChange={changeFilter} />

      {page.status === 'error' ? (
        <ErrorNotice title="The log could not be read" message={page.error} />
      ) : null}
      {page.status === 'loading' && !page.value ? <Loading label="Reading the log…" /> : null}
      {page.value && total === 0 ? (
        <EmptyState
          title={
            isReversedRange(form)
              ? 'From is after To'
              : filtered
                ? 'No request matches these filters'
                : 'No request yet'
          }
        >
          <p>
            {isReversedRange(form)
              ? 'No day is on or after From and on or before To. Swap the dates, or clear one.'
              : filtered
                ? 'Change or clear the filters to see more.'
                : 'Testing a connection or uploading a file records each request here, with its body and the answer.'}
          </p>
        </EmptyState>
      ) : null}
      {total > 0 ? (
        <div
          ref={layout}
          className={`log-layout${selectedId !== null ? ' log-layout--detail' : ''}`}
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || selectedId === null) return;
            event.preventDefault();
            closeDetail();
          }}
        >
          <div className="log-layout__list">
            <LogTable entries={entries} selectedId={selectedId} onSelect={setSelectedId} />
            <div className="pagination">
              <span className="muted">
                {formatNumber(offset + 1)}–{formatNumber(offset + entries.length)} of{' '}
                {formatNumber(total)}
              </span>
              <button
                type="button"
                className="button button--small"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                Previous
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={offset + PAGE_SIZE >= total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                Next
              </button>
            </div>
          </div>
          {selectedId !== null ? <LogDetail id={selectedId} onClose={closeDetail} /> : null}
        </div>
      ) : null}
    </div>
  );
}
