import { useEffect, useRef, useState } from 'react';

import { mappingProblems } from '../../../../shared/mapping';
import { call } from '../../bridge';
import { DatasetPicker } from '../../components/dataset-picker';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice, Notice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { Stat, StatGroup } from '../../components/stat';
import { focusScreenHeading } from '../../focus';
import { baseName, formatNumber, plural } from '../../format';
import { useLoad } from '../../hooks/use-load';
import { useAppDispatch, useAppState, useCurrentCheck, useMatchKey } from '../../state/app-state';
import { useUploadRun } from '../../state/upload-run';

import { ConfirmUploadDialog } from './confirm-upload-dialog';
import { DiscardDialog } from './discard-dialog';
import { ResumeOffer } from './resume-offer';
import { UploadProgressPanel } from './upload-progress-panel';
import { UploadResultPanel } from './upload-result-panel';

import type { UploadView } from '../../../../shared/ipc-api';

/** Step 4: send the checked file to the dataset, watch it go, and see what Cadent made of it. */
export function UploadScreen() {
  const { file, mapping, target } = useAppState();
  const check = useCurrentCheck();
  const dispatch = useAppDispatch();
  const matchKey = useMatchKey();
  const run = useUploadRun();
  const resumable = useLoad(() => call('listResumableUploads'), [run.status]);
  const settings = useLoad(() => call('getSettings'), []);
  const [confirming, setConfirming] = useState(false);
  const [discarding, setDiscarding] = useState<UploadView | null>(null);
  // The discarded upload's buttons go with it once the list is read again; focus goes on.
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    focusScreenHeading();
  }, [resumable.value]);

  if (run.status === 'running') {
    return (
      <div className="screen">
        <PageHeader title="Upload" description={uploadDescription(target)} />
        <UploadProgressPanel run={run} />
      </div>
    );
  }

  if (run.status === 'done' && run.result) {
    return (
      <div className="screen">
        <PageHeader title="Upload" description={uploadDescription(target)} />
        <UploadResultPanel
          result={run.result}
          onShowLog={() =>
            dispatch({ type: 'showLog', filter: { uploadId: run.result?.upload.id } })
          }
          onNewUpload={() => {
            run.reset();
            dispatch({ type: 'navigate', screen: 'import' });
          }}
          onResume={(uploadId) => run.resume(uploadId)}
          onShowConnections={() => dispatch({ type: 'navigate', screen: 'connections' })}
        />
      </div>
    );
  }

  const ready = file !== null && mapping !== null;
  const problems = ready ? mappingProblems(mapping, file.headers, matchKey) : [];
  const hasTarget = target.connection !== null && target.datasetId.trim() !== '';
  const canStart = ready && check !== null && check.valid > 0 && problems.length === 0 && hasTarget;
  const resumableUploads = resumable.value ?? [];
  const refused =
    run.status === 'error' && run.error?.code === 'file_changed'
      ? (resumableUploads.find((upload) => upload.id === run.resumedUploadId) ?? null)
      : null;

  return (
    <div className="screen">
      <PageHeader
        title="Upload"
        description="Events go to one dataset, in batches, with retries."
      />

      {run.status === 'error' && run.error?.code === 'file_changed' ? (
        <ErrorNotice
          title="The upload cannot be resumed"
          message={
            refused
              ? `${baseName(refused.filePath)}: its content changed since the upload started, so its batches are no longer the ones Cadent confirmed. Discard the upload and send the file as a new one.`
              : run.error.message
          }
          actions={
            refused ? (
              <button type="button" className="button" onClick={() => setDiscarding(refused)}>
                Discard
              </button>
            ) : null
          }
        />
      ) : null}
      {run.status === 'error' && run.error && run.error.code !== 'file_changed' ? (
        <ErrorNotice
          title="The upload could not be completed"
          message={run.error.message}
          actions={
            run.error.code === 'unauthorized' || run.error.code === 'forbidden' ? (
              <button
                type="button"
                className="button"
                onClick={() => dispatch({ type: 'navigate', screen: 'connections' })}
              >
                Check the connection
              </button>
            ) : null
          }
        />
      ) : null}

      {resumable.status === 'error' ? (
        <ErrorNotice title="Unfinished uploads could not be listed" message={resumable.error} />
      ) : null}
      {resumableUploads.length > 0 ? (
        <ResumeOffer
          uploads={resumableUploads}
          onResume={(uploadId) => run.resume(uploadId)}
          onDiscard={setDiscarding}
        />
      ) : null}
      <DiscardDialog
        upload={discarding}
        onCancel={() => setDiscarding(null)}
        onDiscarded={(discarded) => {
          setDiscarding(null);
          if (run.resumedUploadId === discarded.id) run.reset();
          refocus.current = true;
          resumable.reload();
        }}
      />

      {!ready ? (
        <EmptyState
          title="Nothing to upload yet"
          action={
            <button
              type="button"
              className="button button--primary"
              onClick={() => dispatch({ type: 'navigate', screen: 'import' })}
            >
              Go to Import
            </button>
          }
        >
          <p>Import a file, map its columns and check it; then it is sent from here.</p>
        </EmptyState>
      ) : (
        <>
          <section className="card section" aria-labelledby="upload-destination-title">
            <div className="section__header">
              <h2 id="upload-destination-title" className="section__title">
                Destination
              </h2>
            </div>
            <DatasetPicker />
          </section>

          <section className="card section" aria-labelledby="upload-what-title">
            <div className="section__header">
              <div>
                <h2 id="upload-what-title" className="section__title">
                  What will be sent
                </h2>
                <p className="section__description">
                  <strong>{file.name}</strong>, with the mapping from the Map step.
                </p>
              </div>
            </div>
            {check ? (
              <StatGroup label="Check results">
                <Stat
                  label="Events to send"
                  value={formatNumber(check.valid)}
                  tone={check.valid > 0 ? 'success' : 'default'}
                />
                <Stat
                  label="Invalid, not sent"
                  value={formatNumber(check.invalid)}
                  tone={check.invalid > 0 ? 'error' : 'default'}
                />
                <Stat
                  label="Duplicate IDs"
                  value={formatNumber(check.duplicateEvents)}
                  tone={check.duplicateEvents > 0 ? 'warning' : 'default'}
                />
              </StatGroup>
            ) : (
              <Notice
                tone="info"
                title="The file has not been checked for this dataset and mapping"
                actions={
                  <button
                    type="button"
                    className="button"
                    onClick={() => dispatch({ type: 'navigate', screen: 'preview' })}
                  >
                    Go to Preview
                  </button>
                }
              >
                The check counts what will be sent before anything leaves this computer.
              </Notice>
            )}
            {check && !target.dataset ? (
              <Notice tone="warning" title="The dataset's match key is not known yet">
                These counts assume no match key. Check the dataset: events without its match key
                are not sent, so fewer may go out.
              </Notice>
            ) : null}
            {check && check.valid === 0 ? (
              <ErrorNotice
                title="No row of this file can be sent"
                message="Every event is invalid; the Preview step lists the reasons."
              />
            ) : null}
            {problems.length > 0 ? (
              <Notice tone="warning" title="The mapping is not complete">
                <ul className="problem-list">
                  {problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </Notice>
            ) : null}
            <div className="section__actions">
              <button
                type="button"
                className="button button--primary"
                disabled={!canStart}
                onClick={() => setConfirming(true)}
              >
                {check ? `Upload ${plural(check.valid, 'event')}…` : 'Upload…'}
              </button>
              {!hasTarget ? (
                <span className="muted">Choose a connection and a dataset ID.</span>
              ) : null}
            </div>
          </section>

          {check && target.connection ? (
            <ConfirmUploadDialog
              open={confirming}
              file={file}
              mapping={mapping}
              check={check}
              target={target}
              batchSize={settings.value?.batchSize ?? null}
              onCancel={() => setConfirming(false)}
              onConfirm={() => {
                setConfirming(false);
                if (!target.connection) return;
                run.start({
                  path: file.path,
                  mapping,
                  datasetId: target.datasetId.trim(),
                  connection: target.connection,
                });
              }}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

function uploadDescription(target: { connection: string | null; datasetId: string }): string {
  return `To dataset ${target.datasetId || '—'} with connection ${target.connection ?? '—'}.`;
}
