import { useEffect, useRef } from 'react';

import { call } from '../../bridge';
import { JsonView } from '../../components/json-view';
import { Loading } from '../../components/loading';
import { ErrorNotice } from '../../components/notice';
import { formatDateTime, formatDuration, formatNumber } from '../../format';
import { useLoad } from '../../hooks/use-load';

import { StatusBadge } from './status-badge';

/** One request in full: where it went, how it went, and both bodies pretty-printed. Escape,
 * anywhere in the log's table or in this pane, closes it (handled by the screen). */
export function LogDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const entry = useLoad(() => call('getLogEntry', { id }), [id]);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [id]);

  return (
    <section ref={ref} className="card log-detail" aria-labelledby="log-detail-title">
      <div className="section__header">
        <h2 id="log-detail-title" className="section__title">
          Request {id}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </div>
      {entry.status === 'loading' && !entry.value ? <Loading label="Reading the request…" /> : null}
      {entry.status === 'error' ? (
        <ErrorNotice title="The request could not be read" message={entry.error} />
      ) : null}
      {entry.status === 'ready' && entry.value === null ? (
        <p className="muted">This entry is no longer in the log (retention may have removed it).</p>
      ) : null}
      {entry.value ? (
        <>
          <dl className="definition-list definition-list--compact">
            <dt>Request</dt>
            <dd className="mono break">
              {entry.value.method} {entry.value.url}
            </dd>
            <dt>Time</dt>
            <dd>{formatDateTime(entry.value.time)}</dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={entry.value.status} />
              {entry.value.error ? <span className="text-error"> {entry.value.error}</span> : null}
            </dd>
            <dt>Duration</dt>
            <dd>{formatDuration(entry.value.durationMs)}</dd>
            <dt>Attempt</dt>
            <dd>{entry.value.attempt}</dd>
            <dt>Events</dt>
            <dd>{formatNumber(entry.value.eventCount)}</dd>
            {entry.value.uploadId ? (
              <>
                <dt>Upload</dt>
                <dd className="mono break">
                  {entry.value.uploadId}
                  {entry.value.batchSeq !== null ? `, batch ${entry.value.batchSeq}` : ''}
                </dd>
              </>
            ) : null}
          </dl>
          <div className="log-detail__bodies">
            <div>
              <h3 className="subsection-title">Request body</h3>
              <JsonView label="Request body" text={entry.value.requestBody} />
            </div>
            <div>
              <h3 className="subsection-title">Response body</h3>
              <JsonView
                label="Response body"
                text={entry.value.responseBody}
                emptyLabel="No response"
              />
            </div>
          </div>
        </>
      ) : null}
    </section>
  );
}
