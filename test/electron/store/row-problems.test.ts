import { describe, expect, it } from 'vitest';

import { newUpload, testStore } from './test-store';

import type { RowProblemRecord } from '../../../electron/store/types';

function problem(
  row: number,
  source: 'local' | 'cadent',
  code = 'invalid_email',
): RowProblemRecord {
  return { uploadId: 'upload-1', row, eventId: null, source, code, message: `${code} on ${row}` };
}

function withUpload() {
  const context = testStore();
  context.store.uploads.create(newUpload());
  return context;
}

describe('row problems', () => {
  it('lists problems by row, then in the order they were added', () => {
    const { store } = withUpload();
    const rows = [
      problem(9, 'local'),
      problem(3, 'cadent', 'invalid_hash'),
      problem(3, 'local', 'missing_match_key'),
      problem(5, 'local'),
    ];

    store.rowProblems.addMany(rows);

    expect(store.rowProblems.list('upload-1')).toEqual([rows[1], rows[2], rows[3], rows[0]]);
  });

  it('pages through problems', () => {
    const { store } = withUpload();
    store.rowProblems.addMany([2, 3, 4, 5, 6].map((row) => problem(row, 'local')));

    const page = (limit: number, offset: number) =>
      store.rowProblems.list('upload-1', { limit, offset }).map((record) => record.row);
    expect(page(2, 0)).toEqual([2, 3]);
    expect(page(2, 2)).toEqual([4, 5]);
    expect(page(2, 4)).toEqual([6]);
  });

  it('counts and clears problems, all of them or by source', () => {
    const { store } = withUpload();
    store.uploads.create(newUpload({ id: 'upload-2' }));
    store.rowProblems.addMany([problem(2, 'local'), problem(3, 'local'), problem(4, 'cadent')]);
    store.rowProblems.addMany([{ ...problem(2, 'local'), uploadId: 'upload-2' }]);

    expect(store.rowProblems.count('upload-1')).toBe(3);
    expect(store.rowProblems.count('upload-1', 'local')).toBe(2);
    expect(store.rowProblems.count('upload-1', 'cadent')).toBe(1);

    store.rowProblems.clear('upload-1', 'local');
    expect(store.rowProblems.list('upload-1')).toEqual([problem(4, 'cadent')]);

    store.rowProblems.clear('upload-1');
    expect(store.rowProblems.count('upload-1')).toBe(0);
    expect(store.rowProblems.count('upload-2')).toBe(1);
  });

  it('adds all of a list or, if one row is refused, none', () => {
    const { store } = withUpload();

    expect(() =>
      store.rowProblems.addMany([problem(2, 'local'), { ...problem(3, 'local'), row: 0 }]),
    ).toThrow(/1\.row: must be a row number/);
    expect(() =>
      store.rowProblems.addMany([
        problem(2, 'local'),
        { ...problem(3, 'local'), uploadId: 'gone' },
      ]),
    ).toThrow('There is no upload with id "gone".');

    expect(store.rowProblems.count('upload-1')).toBe(0);
  });
});
