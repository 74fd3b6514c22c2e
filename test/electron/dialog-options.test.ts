import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  openCsvDialogOptions,
  pickedFile,
  pickedSavePath,
  saveDialogOptions,
} from '../../electron/dialog-options';

describe('dialog options', () => {
  it('opens one file, CSV exports first', () => {
    const options = openCsvDialogOptions();

    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0]).toEqual({ name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] });
  });

  it('saves in the given folder under the suggested name only', () => {
    const csv = saveDialogOptions('../../rejected-rows.csv', 'csv', '/home/ada/Documents');
    const json = saveDialogOptions('cadent-request-log.json', 'json', '/home/ada/Documents');

    expect(csv.defaultPath).toBe(path.join('/home/ada/Documents', 'rejected-rows.csv'));
    expect(csv.filters).toEqual([{ name: 'CSV file', extensions: ['csv'] }]);
    expect(json.filters).toEqual([{ name: 'JSON file', extensions: ['json'] }]);
  });

  it('reads a cancel as null', () => {
    expect(pickedFile({ canceled: true, filePaths: ['/a.csv'] })).toBeNull();
    expect(pickedFile({ canceled: false, filePaths: [] })).toBeNull();
    expect(pickedFile({ canceled: false, filePaths: ['/a.csv'] })).toBe('/a.csv');
    expect(pickedSavePath({ canceled: true, filePath: '/a.csv' })).toBeNull();
    expect(pickedSavePath({ canceled: false, filePath: '' })).toBeNull();
    expect(pickedSavePath({ canceled: false, filePath: '/a.csv' })).toBe('/a.csv');
  });
});
