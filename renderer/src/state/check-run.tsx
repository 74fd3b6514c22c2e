/**
 * The full-file check as it runs: started from the Preview step, it keeps going (and keeps
 * its progress) while the user looks at other screens. Its summary lands in the app state.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';

import { BridgeError, call, errorMessage } from '../bridge';
import { useProgress } from '../hooks/use-progress';

import { useAppDispatch, useAppState } from './app-state';

import type { ReactNode } from 'react';

export interface CheckRun {
  status: 'idle' | 'running' | 'cancelled' | 'error';
  rowsRead: number;
  rowsEstimated: number | null;
  error: string | null;
  start: () => void;
  cancel: () => void;
}

const CheckRunContext = createContext<CheckRun | null>(null);

type CheckProgress = Pick<CheckRun, 'status' | 'rowsRead' | 'rowsEstimated' | 'error'>;

export function CheckRunProvider({ children }: { children: ReactNode }) {
  const { file, mapping, target } = useAppState();
  const dispatch = useAppDispatch();
  const [progress, setProgress] = useState<CheckProgress>({
    status: 'idle',
    rowsRead: 0,
    rowsEstimated: null,
    error: null,
  });
  const running = useRef(false);

  useProgress('check', (message) => {
    if (!running.current) return;
    setProgress((previous) => ({
      ...previous,
      rowsRead: message.rowsRead,
      rowsEstimated: message.rowsEstimated,
    }));
  });

  const matchKey = target.dataset?.match_key ?? null;
  const start = useCallback(() => {
    if (!file || !mapping || running.current) return;
    running.current = true;
    setProgress({
      status: 'running',
      rowsRead: 0,
      rowsEstimated: file.estimatedRowCount,
      error: null,
    });
    call('checkFile', { path: file.path, mapping, matchKey }).then(
      (summary) => {
        running.current = false;
        setProgress((previous) => ({ ...previous, status: 'idle' }));
        dispatch({ type: 'checked', summary, mapping, path: file.path });
      },
      (error: unknown) => {
        running.current = false;
        const cancelled = error instanceof BridgeError && error.code === 'cancelled';
        setProgress((previous) => ({
          ...previous,
          status: cancelled ? 'cancelled' : 'error',
          error: cancelled ? null : errorMessage(error),
        }));
      },
    );
  }, [file, mapping, matchKey, dispatch]);

  const cancel = useCallback(() => {
    if (!running.current) return;
    void call('cancelCheck').catch(() => undefined);
  }, []);

  const value = useMemo(() => ({ ...progress, start, cancel }), [progress, start, cancel]);
  return <CheckRunContext.Provider value={value}>{children}</CheckRunContext.Provider>;
}

export function useCheckRun(): CheckRun {
  const run = useContext(CheckRunContext);
  if (!run) throw new Error('useCheckRun outside CheckRunProvider');
  return run;
}
