/** The options of the OS file dialogs the app opens, and how their answers are read. */
import path from 'node:path';

/** What the open dialog offers: CSV-like exports first, anything as a way out. */
export const CSV_FILE_FILTERS = [
  { name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

export function openCsvDialogOptions() {
  return {
    title: 'Open a CSV file',
    buttonLabel: 'Open',
    properties: ['openFile' as const],
    filters: CSV_FILE_FILTERS,
  };
}

/** A save dialog for an export, in `directory`, for the kind of file it writes. */
export function saveDialogOptions(suggestedName: string, kind: 'csv' | 'json', directory: string) {
  return {
    title: kind === 'csv' ? 'Save as CSV' : 'Save as JSON',
    // Only a name: whatever the caller passed, the dialog starts in `directory`.
    defaultPath: path.join(directory, path.basename(suggestedName)),
    filters:
      kind === 'csv'
        ? [{ name: 'CSV file', extensions: ['csv'] }]
        : [{ name: 'JSON file', extensions: ['json'] }],
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
}

/** The file the user picked in an open dialog, or null when they cancelled. */
export function pickedFile(result: { canceled: boolean; filePaths: string[] }): string | null {
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Where the user chose to save, or null when they cancelled. */
export function pickedSavePath(result: { canceled: boolean; filePath?: string }): string | null {
  return result.canceled || !result.filePath ? null : result.filePath;
}
