import { useCallback } from 'react';

import { call, errorMessage } from '../bridge';

import { useAppDispatch } from './app-state';

/**
 * Opens a CSV by path (from the file picker or a drop): sniffs it, asks for a proposed
 * mapping, and lands on the Import step. Failures are shown on that step.
 */
export function useOpenFile(): (path: string) => Promise<void> {
  const dispatch = useAppDispatch();
  return useCallback(
    async (path: string) => {
      dispatch({ type: 'navigate', screen: 'import' });
      dispatch({ type: 'openingFile' });
      try {
        const file = await call('openFile', { path });
        const suggestion = await call('suggestMapping', { path });
        dispatch({ type: 'fileOpened', file, suggestion });
      } catch (error) {
        dispatch({ type: 'openFileFailed', message: errorMessage(error) });
      }
    },
    [dispatch],
  );
}

/** Shows the OS file picker, then opens the chosen file; nothing happens on cancel. */
export function useBrowseForFile(): () => Promise<void> {
  const dispatch = useAppDispatch();
  const openFile = useOpenFile();
  return useCallback(async () => {
    try {
      const path = await call('chooseFile');
      if (path) await openFile(path);
    } catch (error) {
      dispatch({ type: 'openFileFailed', message: errorMessage(error) });
    }
  }, [dispatch, openFile]);
}
