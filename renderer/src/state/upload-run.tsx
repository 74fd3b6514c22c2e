/**
 * The upload as it runs: one at a time, kept above the screens so that its progress and its
 * result survive the user looking at the request log meanwhile.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';

import { BridgeError, call } from '../bridge';
import { useProgress } from '../hooks/use-progress';

import type { IpcError, ProgressMessage, UploadResultView } from '../../../shared/ipc-api';
import type { Mapping } from '../../../shared/mapping';
import type { ReactNode } from 'react';

export type UploadProgress = Extract<ProgressMessage, { kind: 'upload' }>['progress'];

export interface UploadRunState {
  status: 'idle' | 'running' | 'done' | 'error';
  progress: UploadProgress | null;
  result: UploadResultView | null;
  error: IpcError | null;
  cancelling: boolean;
  /** The upload a resume was asked for, so a refusal can name it and offer to discard it. */
  resumedUploadId: string | null;
}

export interface UploadRun extends UploadRunState {
  start: (request: {
    path: string;
    mapping: Mapping;
    datasetId: string;
    connection: string;
  }) => void;
  resume: (uploadId: string) => void;
  cancel: () => void;
  /** Back to idle, for the next upload. */
  reset: () => void;
}

const UploadRunContext = createContext<UploadRun | null>(null);

const IDLE: UploadRunState = {
  status: 'idle',
  progress: null,
  result: null,
  error: null,
  cancelling: false,
  resumedUploadId: null,
};

export function UploadRunProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<UploadRunState>(IDLE);
  const running = useRef(false);

  useProgress('upload', (message) => {
    if (!running.current) return;
    setState((previous) => ({ ...previous, progress: message.progress }));
  });

  const run = useCallback(
    (task: () => Promise<UploadResultView>, resumedUploadId: string | null) => {
      if (running.current) return;
      running.current = true;
      setState({ ...IDLE, status: 'running', resumedUploadId });
      task().then(
        (result) => {
          running.current = false;
          setState((previous) => ({ ...previous, status: 'done', result, cancelling: false }));
        },
        (error: unknown) => {
          running.current = false;
          const failure =
            error instanceof BridgeError
              ? { code: error.code, message: error.message }
              : { code: 'unknown', message: String(error) };
          setState((previous) => ({
            ...previous,
            status: 'error',
            error: failure,
            cancelling: false,
          }));
        },
      );
    },
    [],
  );

  const start = useCallback<UploadRun['start']>(
    (request) => run(() => call('startUpload', request), null),
    [run],
  );
  const resume = useCallback<UploadRun['resume']>(
    (uploadId) => run(() => call('resumeUpload', { uploadId }), uploadId),
    [run],
  );
  const cancel = useCallback(() => {
    if (!running.current) return;
    setState((previous) => ({ ...previous, cancelling: true }));
    void call('cancelUpload').catch(() => undefined);
  }, []);
  const reset = useCallback(() => {
    if (!running.current) setState(IDLE);
  }, []);

  const value = useMemo(
    () => ({ ...state, start, resume, cancel, reset }),
    [state, start, resume, cancel, reset],
  );
  return <UploadRunContext.Provider value={value}>{children}</UploadRunContext.Provider>;
}

export function useUploadRun(): UploadRun {
  const run = useContext(UploadRunContext);
  if (!run) throw new Error('useUploadRun outside UploadRunProvider');
  return run;
}
