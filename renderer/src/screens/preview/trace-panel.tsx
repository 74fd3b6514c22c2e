import { IDENTITY_FIELD_LABELS } from '../../../../shared/cadent-fields';
import { JsonView } from '../../components/json-view';
import { TruncatedText } from '../../components/truncated-text';

import type { BuiltEvent, FieldTrace } from '../../../../shared/build-event';

const STATUS_LABELS: Record<FieldTrace['status'], string> = {
  hashed: 'Hashed',
  prehashed: 'Hash already',
  unhashed: 'Sent unhashed',
  omitted: 'Left out',
};

const STATUS_TONES: Record<FieldTrace['status'], string> = {
  hashed: 'badge--success',
  prehashed: 'badge--success',
  unhashed: 'badge--warning',
  omitted: 'badge--neutral',
};

/** For one event: each identity field raw → normalized → sent, and what kept it out if so. */
export function TracePanel({ built }: { built: BuiltEvent }) {
  const rows =
    built.firstRow === built.lastRow
      ? `row ${built.firstRow}`
      : `rows ${built.firstRow}–${built.lastRow}`;
  const trace = built.trace ?? [];

  return (
    <section className="card section" aria-labelledby="trace-title">
      <div className="section__header">
        <div>
          <h2 id="trace-title" className="section__title">
            Trace of {rows}
          </h2>
          <p className="section__description">
            Each identity field as read, as normalized, and as sent.
          </p>
        </div>
      </div>
      {built.problems.length > 0 ? (
        <ul className="problem-list problem-list--boxed" aria-label="Problems">
          {built.problems.map((problem, index) => (
            <li
              key={`${problem.field}-${index}`}
              className={problem.fatal ? 'text-error' : 'text-warning'}
            >
              <span className="problem-list__where mono">{problem.field}</span>
              {problem.message}
              {problem.fatal
                ? ' (the event is not sent)'
                : problem.code === 'sent_unhashed'
                  ? ' (the field is sent as it is)'
                  : ' (the field is left out)'}
            </li>
          ))}
        </ul>
      ) : null}
      {trace.length === 0 ? (
        <p className="muted">No identity field is mapped.</p>
      ) : (
        <div className="table-scroll table-scroll--auto" role="region" aria-label="Trace">
          <table className="table trace-table">
            <colgroup>
              <col className="trace-table__field" />
              <col className="trace-table__status" />
              <col />
              <col />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Status</th>
                <th scope="col">Column</th>
                <th scope="col">Raw</th>
                <th scope="col">Normalized</th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {trace.map((field) => (
                <tr key={field.field}>
                  <th scope="row">
                    {IDENTITY_FIELD_LABELS[field.field]}{' '}
                    <code className="muted">{field.field}</code>
                  </th>
                  <td>
                    <span className={`badge ${STATUS_TONES[field.status]}`}>
                      {STATUS_LABELS[field.status]}
                    </span>
                  </td>
                  <td>
                    <TruncatedText text={field.column ?? '—'} />
                  </td>
                  <td className="mono">
                    <TruncatedText text={field.raw ?? '—'} />
                  </td>
                  {field.normalized === null ? (
                    // Nothing normalized, so nothing sent: the reason takes both cells.
                    <td colSpan={2} className="trace-table__reason">
                      {field.reason ?? 'No value'}
                    </td>
                  ) : (
                    <>
                      <td className="mono">
                        <TruncatedText text={field.normalized} />
                      </td>
                      {field.sent === null ? (
                        <td className="trace-table__reason">{field.reason ?? 'Not sent'}</td>
                      ) : (
                        <td className="mono">
                          <TruncatedText text={field.sent} />
                        </td>
                      )}
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {built.event ? (
        <details className="disclosure">
          <summary className="disclosure__summary">This event as sent</summary>
          <JsonView label="Event as sent" text={null} value={built.event} />
        </details>
      ) : null}
    </section>
  );
}
