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
export function CheckPanel({ run, summary }: { run: CheckRun; summary: CheckSummary | null }) {
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
            {formatNumber(run.rowsRead)} rows checked
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

      {summary && !running ? <CheckResults summary={summary} /> : null}
    </section>
  );
}

function CheckResults({ summary }: { summary: CheckSummary }) {
  const dataRows = summary.rows - summary.blankRows;
  return (
    <div className="check-results">
      {summary.valid === 0 ? (
        <ErrorNotice
          title="No row of this file can be sent"
          message={
            summary.events === 0
              ? 'The file has no data rows.'
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
        <Stat label="Events" value={formatNumber(summary.events)} />
        <Stat
          label="Valid"
          value={formatNumber(summary.valid)}
          tone={summary.valid > 0 ? 'success' : 'default'}
        />
        <Stat
          label="Invalid"
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
            title="Invalid rows by reason"
            emptyText="Every event is valid."
            groups={summary.invalidByReason}
            tone="error"
          />
          <ReasonList
            title="Warnings"
            emptyText="No field was left out of a valid event."
            groups={summary.warningsByReason}
            tone="warning"
          />
          <DuplicateList duplicates={summary.duplicates} total={summary.duplicateEvents} />
        </div>
      </div>
    </div>
  );
}
