import { useState } from 'react';

import { call, errorMessage } from '../../bridge';
import { ErrorNotice, Notice } from '../../components/notice';
import { Stat, StatGroup } from '../../components/stat';
import { formatNumber, plural, sentence } from '../../format';

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
  return (
    <section className="card section" aria-labelledby="upload-result-title">
      <div className="section__header">
        <h2 id="upload-result-title" className="section__title">
          {TITLES[upload.status]}
        </h2>
      </div>
      {upload.status === 'completed' ? (
        <Notice tone="success" title={`${formatNumber(upload.accepted)} events accepted by Cadent`}>
          {upload.eventCount !== null
            ? `${plural(upload.eventCount, 'event')} built from ${plural(upload.rowCount ?? 0, 'row')}.`
            : null}
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
          Batches already confirmed stay in the dataset; resuming sends only the rest.
        </Notice>
      ) : null}
      {upload.status === 'failed' || upload.status === 'interrupted' ? (
        <ErrorNotice
          title="The upload stopped"
          message={sentence(upload.error ?? 'It did not reach the end of the file.')}
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
          tone={upload.accepted > 0 ? 'success' : 'default'}
        />
        <Stat
          label="Duplicates"
          value={formatNumber(upload.duplicates)}
          hint="Cadent had them already"
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
          className="button"
          onClick={() => void exportRejected()}
          disabled={exporting || notSent === 0}
          title={notSent === 0 ? 'Every event was accepted' : undefined}
        >
          {exporting ? 'Exporting…' : 'Export rejected rows…'}
        </button>
        <button type="button" className="button" onClick={onShowLog}>
          View in request log
        </button>
        <button type="button" className="button button--primary" onClick={onNewUpload}>
          Upload another file
        </button>
      </div>
    </section>
  );
}

const TITLES: Record<UploadResultView['upload']['status'], string> = {
  completed: 'Upload complete',
  cancelled: 'Upload cancelled',
  failed: 'Upload failed',
  interrupted: 'Upload interrupted',
  running: 'Upload running',
};
