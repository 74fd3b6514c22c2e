/** Plain-text renderings of check summaries and uploads for the terminal. */
import { IDENTITY_FIELD_LABELS } from '../../shared/cadent-fields';

import type { CheckSummary, ReasonGroup } from '../../shared/check-summary';
import type { UploadProgress } from '../upload/upload-job';

const ROWS_SHOWN = 10;

/** The full-file check as a few readable blocks. */
export function formatSummary(summary: CheckSummary): string {
  const lines = [
    `rows ${summary.rows} · events ${summary.events} · valid ${summary.valid} · ` +
      `invalid ${summary.invalid}` +
      (summary.blankRows > 0 ? ` · blank rows skipped ${summary.blankRows}` : ''),
  ];
  if (summary.invalidByReason.length > 0) {
    lines.push('invalid rows, by reason (never sent):');
    for (const group of summary.invalidByReason) lines.push(formatReason(group));
  }
  if (summary.warningsByReason.length > 0) {
    lines.push('fields left out of valid events:');
    for (const group of summary.warningsByReason) lines.push(formatReason(group));
  }
  if (summary.duplicateEvents > 0) {
    lines.push(
      `duplicate event IDs: ${summary.duplicateEvents} event(s) repeat an earlier ID ` +
        '(Cadent stores the first and counts the rest as duplicates)',
    );
    for (const group of summary.duplicates.slice(0, ROWS_SHOWN)) {
      lines.push(`  ${group.eventId}: rows ${group.rows.join(', ')}`);
    }
  }
  lines.push(`identity coverage (of ${summary.valid} valid events):`);
  for (const { field, events } of summary.coverage) {
    const share = summary.valid > 0 ? events / summary.valid : 0;
    const mark = field === summary.matchKey ? ' (match key)' : '';
    const bar = '█'.repeat(Math.round(share * 20)).padEnd(20, '·');
    lines.push(
      `  ${field.padEnd(11)} ${bar} ${String(events).padStart(7)} ` +
        `${(share * 100).toFixed(0).padStart(3)}%  ${IDENTITY_FIELD_LABELS[field]}${mark}`,
    );
  }
  const prehashed = Object.entries(summary.prehashed).filter(([, count]) => count > 0);
  if (prehashed.length > 0) {
    lines.push(
      'already hashed, sent as they are: ' +
        prehashed.map(([field, count]) => `${field} ${count}`).join(', '),
    );
  }
  return lines.join('\n');
}

function formatReason(group: ReasonGroup): string {
  const where = group.column ? `${group.field}, column "${group.column}"` : group.field;
  const rows =
    group.rows.slice(0, ROWS_SHOWN).join(', ') +
    (group.count > ROWS_SHOWN ? `, … (${group.count - ROWS_SHOWN} more)` : '');
  return `  ${group.code} (${where}) ×${group.count}: ${group.message}\n    rows ${rows}`;
}

/** One progress line, redrawn in place on a terminal. */
export function formatProgress(progress: UploadProgress): string {
  const total = progress.rowsEstimated ? `/${progress.rowsEstimated}` : '';
  const left =
    progress.secondsLeft === null ? '' : ` · ${formatDuration(progress.secondsLeft)} left`;
  return (
    `${progress.phase}: rows ${progress.rowsRead}${total} · batches ` +
    `${progress.batchesConfirmed + progress.batchesSkipped} · accepted ${progress.accepted} · ` +
    `rejected ${progress.rejected + progress.invalid} · retries ${progress.retries} · ` +
    `${progress.eventsPerSecond}/s${left}`
  );
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m ${seconds % 60}s`
    : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
