import { ProgressBar } from '../../components/progress-bar';
import { Stat, StatGroup } from '../../components/stat';
import { formatNumber, formatTimeLeft } from '../../format';

import type { UploadRun } from '../../state/upload-run';

const PHASE_LABELS = {
  'checking-file': 'Checking the file…',
  connecting: 'Connecting to Cadent…',
  uploading: 'Uploading…',
  finishing: 'Finishing…',
} as const;

/** Rows, batches, accepted, rejected, retries, rate and time left while an upload runs. */
export function UploadProgressPanel({ run }: { run: UploadRun }) {
  const progress = run.progress;
  const batches = progress ? progress.batchesConfirmed + progress.batchesSkipped : 0;
  // Rows are read ahead of sending; the bar follows events Cadent has answered for (or that
  // were invalid here), which is what "done" means to the user.
  const settled = progress
    ? progress.accepted + progress.duplicates + progress.rejected + progress.invalid
    : 0;
  // Progress messages report rows read only every so many rows; settled events (one per row
  // unless rows are grouped) keep the count moving in between.
  const rowsDone = progress ? Math.max(progress.rowsRead, settled) : 0;
  // Until Cadent confirms a batch there is no rate to speak of, only rows read ahead.
  const measured = progress !== null && progress.batchesConfirmed > 0;
  const estimated = progress?.rowsEstimated ?? null;
  return (
    <section className="card section" aria-labelledby="upload-progress-title">
      <div className="section__header">
        <h2 id="upload-progress-title" className="section__title" aria-live="polite">
          {run.cancelling
            ? 'Cancelling after the batches in flight…'
            : progress
              ? PHASE_LABELS[progress.phase]
              : 'Starting…'}
        </h2>
        <button type="button" className="button" onClick={run.cancel} disabled={run.cancelling}>
          {run.cancelling ? 'Cancelling…' : 'Cancel upload'}
        </button>
      </div>
      <ProgressBar label="Upload progress" value={settled} max={progress?.rowsEstimated ?? null} />
      <StatGroup label="Upload progress">
        <Stat
          label="Rows"
          value={progress ? formatNumber(rowsDone) : '—'}
          hint={
            estimated && rowsDone <= estimated
              ? `of about ${formatNumber(estimated)}`
              : progress
                ? 'read so far'
                : undefined
          }
        />
        <Stat
          label="Batches"
          value={formatNumber(batches)}
          hint={
            progress && progress.batchesFailed > 0 ? `${progress.batchesFailed} failed` : undefined
          }
        />
        <Stat label="Accepted" value={formatNumber(progress?.accepted ?? 0)} tone="success" />
        <Stat
          label="Rejected"
          value={formatNumber(progress?.rejected ?? 0)}
          tone={progress && progress.rejected > 0 ? 'error' : 'default'}
        />
        <Stat label="Retries" value={formatNumber(progress?.retries ?? 0)} />
        <Stat
          label="Rate"
          value={measured ? `${formatNumber(Math.round(progress.eventsPerSecond))}/s` : '—'}
          hint={measured ? 'events per second' : 'once Cadent confirms a batch'}
        />
        <Stat
          label="Time left"
          value={
            measured && progress.secondsLeft !== null ? formatTimeLeft(progress.secondsLeft) : '—'
          }
        />
      </StatGroup>
    </section>
  );
}
