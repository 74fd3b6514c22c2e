import { ErrorNotice, Notice } from '../../components/notice';
import { ProgressBar } from '../../components/progress-bar';
import { Stat, StatGroup } from '../../components/stat';
import { formatNumber, plural } from '../../format';

import { CoverageChart } from './coverage-chart';
import { DuplicateList } from './duplicate-list';
import { ReasonList } from './reason-list';

import type { CheckSummary } from '../../../../shared/check-summary';
import type { CheckRun } from '../../state/check-run';

/** The full-file check: progress with cancel while it runs, then counts, reasons and coverage. */
export function CheckPanel({
  run,
  summary,
  groupBy,
}: {
  run: CheckRun;
  summary: CheckSummary | null;
  /** The column rows are grouped by into events, if any. */
  groupBy: string | null;
}) {
  const running = run.status === 'running';
  return (
    <section className="card section" aria-labelledby="check-title">
      <div className="section__header">
        <div>
          <h2 id="check-title" className="section__title">
            Full-file check
          </h2>
          <p className="section__description">
            Every row is read and built into an event as it would be sent; nothing is sent.
          </p>
        </div>
        {running ? (
          <button type="button" className="button" onClick={run.cancel}>
            Cancel check
          </button>
        ) : (
          <button type="button" className="button" onClick={run.start}>
            {summary ? 'Check again' : 'Check the whole file'}
          </button>
        )}
      </div>

      {running ? (
        <div className="progress-block" aria-live="polite">
          <ProgressBar label="Rows checked" value={run.rowsRead} max={run.rowsEstimated} />
          <p className="muted">
            {plural(run.rowsRead, 'row')} checked
            {run.rowsEstimated ? ` of about ${formatNumber(run.rowsEstimated)}` : ''}…
          </p>
        </div>
      ) : null}
      {run.status === 'cancelled' && !summary ? (
        <Notice tone="info" title="The check was cancelled">
          Check the whole file before uploading, so you know what will be sent.
        </Notice>
      ) : null}
      {run.status === 'error' && run.error ? (
        <ErrorNotice title="The check stopped" message={run.error} />
      ) : null}

      {summary && !running ? <CheckResults summary={summary} groupBy={groupBy} /> : null}
    </section>
  );
}

function CheckResults({ summary, groupBy }: { summary: CheckSummary; groupBy: string | null }) {
  const dataRows = summary.rows - summary.blankRows;
  // With rows grouped, valid and invalid count events (orders, say), not rows: say so.
  const unit = groupBy ? ' events' : '';
  return (
    <div className="check-results">
      {summary.valid === 0 ? (
        <ErrorNotice
          title="No row of this file can be sent"
          message={
            summary.events === 0
              ? 'The file has no data rows.'
              : summary.events === 1
                ? 'Its one event is invalid. The reason is listed below; fix the file or the mapping and check again.'
                : `All ${plural(summary.events, 'event')} are invalid. The reasons are listed below; fix the file or the mapping and check again.`
          }
        />
      ) : null}
      <StatGroup label="Check results">
        <Stat
          label="Rows"
          value={formatNumber(dataRows)}
          hint={
            summary.blankRows > 0 ? `${formatNumber(summary.blankRows)} blank skipped` : 'exact'
          }
        />
        <Stat
          label="Events"
          value={formatNumber(summary.events)}
          hint={groupBy ? `one per “${groupBy}”` : 'one per row'}
        />
        <Stat
          label={`Valid${unit}`}
          value={formatNumber(summary.valid)}
          tone={summary.valid > 0 ? 'success' : 'default'}
        />
        <Stat
          label={`Invalid${unit}`}
          value={formatNumber(summary.invalid)}
          tone={summary.invalid > 0 ? 'error' : 'default'}
        />
        <Stat
          label="Duplicate IDs"
          value={formatNumber(summary.duplicateEvents)}
          tone={summary.duplicateEvents > 0 ? 'warning' : 'default'}
        />
      </StatGroup>
      <div className="check-results__columns">
        <CoverageChart summary={summary} />
        <div className="check-results__reasons">
          <ReasonList
            title={groupBy ? 'Invalid events by reason' : 'Invalid rows by reason'}
            emptyText="Every event is valid."
            groups={summary.invalidByReason}
            tone="error"
            grouped={groupBy !== null}
          />
          <ReasonList
            title="Warnings"
            emptyText="Every valid event is sent with each field as mapped."
            groups={summary.warningsByReason}
            tone="warning"
            grouped={groupBy !== null}
          />
          <DuplicateList duplicates={summary.duplicates} total={summary.duplicateEvents} />
        </div>
      </div>
    </div>
  );
}
