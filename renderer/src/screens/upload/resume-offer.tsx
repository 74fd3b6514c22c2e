import { Notice } from '../../components/notice';
import { baseName, formatDateTime, formatNumber, savedMessage } from '../../format';

import type { UploadView } from '../../../../shared/ipc-api';

const STATUS_WORDS: Record<UploadView['status'], string> = {
  running: 'is running in another window or a scheduled job',
  interrupted: 'was interrupted',
  failed: 'failed',
  cancelled: 'was cancelled',
  completed: 'completed',
};

/**
 * Whether an upload can go on from its journal (or be discarded). A running one belongs to
 * another process; a failed one (the dataset is gone, or it was discarded) and a completed one
 * are over.
 */
export function canResume(status: UploadView['status']): boolean {
  return status === 'interrupted' || status === 'cancelled';
}

/**
 * Uploads that stopped before the end; resuming sends only what Cadent did not confirm, and
 * discarding gives one up for good.
 * TODO(moved files): `resumeUpload` takes where a moved file is now (`path`), but nothing here
 * lets the user pick it yet, so a moved file can only be reported (its error) or discarded.
 */
export function ResumeOffer({
  uploads,
  onResume,
  onDiscard,
}: {
  uploads: UploadView[];
  onResume: (uploadId: string) => void;
  onDiscard: (upload: UploadView) => void;
}) {
  return (
    <Notice
      tone="info"
      title={
        uploads.length === 1
          ? 'An upload did not finish'
          : `${uploads.length} uploads did not finish`
      }
    >
      <p>
        Resuming reads the file again, checks it is the same, and sends only the batches Cadent has
        not confirmed.
      </p>
      <ul className="resume-list">
        {uploads.map((upload) => {
          const name = baseName(upload.filePath);
          return (
            <li key={upload.id} className="resume-list__item">
              <div className="resume-list__text">
                <span className="resume-list__file truncate" title={upload.filePath}>
                  {name}
                </span>
                <span className="muted">
                  to {upload.datasetId}
                  {upload.connection ? ` with ${upload.connection}` : ''} ·{' '}
                  {STATUS_WORDS[upload.status]} {formatDateTime(upload.updatedAt)} ·{' '}
                  {formatNumber(upload.accepted)} accepted so far
                </span>
                {upload.error ? (
                  <span className="text-error">{savedMessage(upload.error)}</span>
                ) : null}
              </div>
              {canResume(upload.status) ? (
                <div className="resume-list__actions">
                  <button
                    type="button"
                    className="button button--quiet-danger"
                    aria-label={`Discard the upload of ${name}`}
                    onClick={() => onDiscard(upload)}
                  >
                    Discard
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Resume the upload of ${name}`}
                    onClick={() => onResume(upload.id)}
                  >
                    Resume
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Notice>
  );
}
