import { useEffect, useState } from 'react';

import { call, errorMessage } from '../../bridge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { baseName, plural } from '../../format';

import type { UploadView } from '../../../../shared/ipc-api';

interface DiscardDialogProps {
  /** The upload to discard; null keeps the dialog closed. */
  upload: UploadView | null;
  onCancel: () => void;
  onDiscarded: (upload: UploadView) => void;
}

/** Asks before an unfinished upload is given up for good; its accepted events stay in Cadent. */
export function DiscardDialog({ upload, onCancel, onDiscarded }: DiscardDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setError(null), [upload?.id]);

  const discard = async () => {
    if (!upload) return;
    setBusy(true);
    setError(null);
    try {
      onDiscarded(await call('discardUpload', { uploadId: upload.id }));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open={upload !== null}
      title="Discard this upload?"
      tone="danger"
      confirmLabel={busy ? 'Discarding…' : 'Discard upload'}
      cancelLabel="Keep it"
      busy={busy}
      onConfirm={() => void discard()}
      onCancel={onCancel}
    >
      {upload ? (
        <>
          <p>
            <strong>{baseName(upload.filePath)}</strong> to {upload.datasetId}
            {upload.connection ? ` with ${upload.connection}` : ''}.
          </p>
          <p>{`It will not be resumed; what Cadent accepted stays (${plural(upload.accepted, 'event')}).`}</p>
        </>
      ) : null}
      {error ? <p className="text-error">{error}</p> : null}
    </ConfirmDialog>
  );
}
