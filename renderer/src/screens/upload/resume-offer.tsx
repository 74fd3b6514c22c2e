import { Notice } from '../../components/notice';
import { formatDateTime, formatNumber, sentence } from '../../format';

import type { UploadView } from '../../../../shared/ipc-api';

const STATUS_WORDS: Record<UploadView['status'], string> = {
  running: 'was running when the app closed',
  interrupted: 'was interrupted',
  failed: 'failed',
  cancelled: 'was cancelled',
  completed: 'completed',
};

/**
 * Uploads that stopped before the end; resuming sends only what Cadent did not confirm.
 * TODO(moved files): the upload job can resume from a file that moved, but `resumeUpload` takes
 * only the upload's ID, so a moved file can only be reported (its error), not picked again.
 */
export function ResumeOffer({
  uploads,
  onResume,
}: {
  uploads: UploadView[];
  onResume: (uploadId: string) => void;
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
        {uploads.map((upload) => (
          <li key={upload.id} className="resume-list__item">
            <div className="resume-list__text">
              <span className="resume-list__file truncate" title={upload.filePath}>
                {baseName(upload.filePath)}
              </span>
              <span className="muted">
                to {upload.datasetId}
                {upload.connection ? ` with ${upload.connection}` : ''} ·{' '}
                {STATUS_WORDS[upload.status]} {formatDateTime(upload.updatedAt)} ·{' '}
                {formatNumber(upload.accepted)} accepted so far
              </span>
              {upload.error ? <span className="text-error">{sentence(upload.error)}</span> : null}
            </div>
            <button type="button" className="button" onClick={() => onResume(upload.id)}>
              Resume
            </button>
          </li>
        ))}
      </ul>
    </Notice>
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
