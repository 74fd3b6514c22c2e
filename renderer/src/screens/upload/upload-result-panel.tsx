import { useEffect, useRef, useState } from 'react';

import { call, errorMessage } from '../../bridge';
import { ErrorNotice, Notice } from '../../components/notice';
import { Stat, StatGroup } from '../../components/stat';
import { focusHeading } from '../../focus';
import { formatNumber, plural, savedMessage } from '../../format';

import type { UploadResultView } from '../../../../shared/ipc-api';

interface UploadResultPanelProps {
  result: UploadResultView;
  onShowLog: () => void;
  onNewUpload: () => void;
  onResume: (uploadId: string) => void;
  onShowConnections: () => void;
}

/** The end of an upload: accepted, duplicates, rejected by Cadent, invalid here, and an export. */
export function UploadResultPanel({
  result,
  onShowLog,
  onNewUpload,
  onResume,
  onShowConnections,
}: UploadResultPanelProps) {
  const { upload } = result;
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<{ path: string; rows: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The result replaces the progress in place: focus moves to its heading. Coming back to the
  // screen later, the screen's own heading takes focus after this (a parent's effect runs last).
  useEffect(() => focusHeading(headingRef.current), []);

  const exportRejected = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const saved = await call('exportRejectedRows', { uploadId: upload.id });
      if (saved) setExported(saved);
    } catch (error) {
      setExportError(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const notSent = upload.rejected + upload.invalid;
  const held = upload.accepted + upload.duplicates;
  const outcome = describeOutcome(result);
  return (
    <section className="card section" aria-labelledby="upload-result-title">
      <div className="section__header">
        <h2 id="upload-result-title" className="section__title" tabIndex={-1} ref={headingRef}>
          {outcome?.heading ?? TITLES[upload.status]}
        </h2>
      </div>
      {outcome ? (
        <Notice tone={outcome.tone} title={outcome.title}>
          {outcome.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Notice>
      ) : null}
      {upload.status === 'cancelled' ? (
        <Notice
          tone="info"
          title="The upload was cancelled"
          actions={
            <button type="button" className="button" onClick={() => onResume(upload.id)}>
              Resume upload
            </button>
          }
        >
          <p>
            Cadent holds {plural(held, 'event')} of this file so far: the batches in flight when you
            cancelled were seen through. Resuming sends only the rest.
          </p>
        </Notice>
      ) : null}
      {upload.status === 'failed' || upload.status === 'interrupted' ? (
        <ErrorNotice
          title="The upload stopped"
          message={[
            savedMessage(upload.error ?? 'It did not reach the end of the file.'),
            held > 0 ? `Cadent holds ${plural(held, 'event')} of this file so far.` : null,
          ]
            .filter(Boolean)
            .join(' ')}
          actions={
            upload.status === 'interrupted' ? (
              <>
                <button type="button" className="button" onClick={onShowConnections}>
                  Check the connection
                </button>
                <button type="button" className="button" onClick={() => onResume(upload.id)}>
                  Resume upload
                </button>
              </>
            ) : null
          }
        />
      ) : null}
      <StatGroup label="Upload result">
        <Stat
          label="Accepted"
          value={formatNumber(upload.accepted)}
          tone={upload.accepted > 0 ? 'success' : outcome?.tone === 'error' ? 'error' : 'default'}
          hint="new in Cadent"
        />
        <Stat
          label="Already there"
          value={formatNumber(upload.duplicates)}
          hint="Cadent had them"
        />
        <Stat
          label="Rejected by Cadent"
          value={formatNumber(upload.rejected)}
          tone={upload.rejected > 0 ? 'error' : 'default'}
        />
        <Stat
          label="Invalid here"
          value={formatNumber(upload.invalid)}
          tone={upload.invalid > 0 ? 'warning' : 'default'}
          hint="not sent"
        />
        <Stat
          label="Batches"
          value={formatNumber(result.batchesConfirmed + result.batchesSkipped)}
          hint={
            result.batchesFailed > 0
              ? `${result.batchesFailed} failed`
              : result.batchesSkipped > 0
                ? `${result.batchesSkipped} confirmed earlier`
                : undefined
          }
        />
      </StatGroup>
      {exportError ? (
        <ErrorNotice title="The rejected rows were not exported" message={exportError} />
      ) : null}
      {exported ? (
        <Notice tone="success" title={`${plural(exported.rows, 'row')} saved`}>
          <span className="mono">{exported.path}</span>
        </Notice>
      ) : null}
      <div className="section__actions">
        <button
          type="button"
          className={`button${outcome?.tone === 'error' && notSent > 0 ? ' button--primary' : ''}`}
          onClick={() => void exportRejected()}
          disabled={exporting || notSent === 0}
          title={notSent === 0 ? 'Every event was accepted' : undefined}
        >
          {exporting ? 'Exporting…' : 'Export rejected rows…'}
        </button>
        <button type="button" className="button" onClick={onShowLog}>
          View in request log
        </button>
        <button
          type="button"
          className={`button${outcome?.tone === 'error' ? '' : ' button--primary'}`}
          onClick={onNewUpload}
        >
          Upload another file
        </button>
      </div>
    </section>
  );
}

interface Outcome {
  tone: 'success' | 'warning' | 'error';
  /** The section's heading, when "Upload complete" would not be true. */
  heading?: string;
  title: string;
  lines: string[];
}

/**
 * How a completed upload went, headlined by what Cadent holds now: the events it accepted and
 * those it had already. Reaching the end of the file with nothing accepted is a failure.
 */
function describeOutcome({ upload, batchesFailed }: UploadResultView): Outcome | null {
  if (upload.status !== 'completed') return null;
  const { accepted, duplicates, rejected, invalid } = upload;
  const held = accepted + duplicates;
  const built =
    upload.eventCount !== null
      ? `${plural(upload.eventCount, 'event')} built from ${plural(upload.rowCount ?? 0, 'row')}.`
      : null;
  const refused = upload.error ? savedMessage(upload.error) : null;
  const notStored =
    rejected + invalid > 0
      ? `Not stored: ${formatNumber(rejected)} rejected by Cadent and ${formatNumber(invalid)} invalid here. Export them to see why, fix them and send them again.`
      : null;
  const lines = (...parts: Array<string | null>) => parts.filter((part) => part !== null);

  if (held === 0 && (rejected > 0 || batchesFailed > 0)) {
    return {
      tone: 'error',
      heading: 'Nothing was accepted',
      title:
        rejected > 0
          ? `Cadent accepted none of the ${plural(rejected, 'event')} sent`
          : 'Cadent refused every batch',
      lines: lines(
        refused,
        notStored,
        'The request log shows each answer from Cadent, with its reasons.',
      ),
    };
  }
  const already =
    duplicates > 0
      ? `Already there: events Cadent had before this upload sent them, from an earlier upload or from a batch whose answer was lost (before a cancel, say) and was sent again.`
      : null;
  return {
    tone: rejected + invalid > 0 || batchesFailed > 0 || accepted === 0 ? 'warning' : 'success',
    title: `Cadent holds ${plural(held, 'event')} of this file`,
    lines: lines(
      [`${formatNumber(accepted)} accepted now, ${formatNumber(duplicates)} already there.`, built]
        .filter(Boolean)
        .join(' '),
      refused,
      notStored,
      already,
    ),
  };
}

const TITLES: Record<UploadResultView['upload']['status'], string> = {
  completed: 'Upload complete',
  cancelled: 'Upload cancelled',
  failed: 'Upload failed',
  interrupted: 'Upload interrupted',
  running: 'Upload running',
};
