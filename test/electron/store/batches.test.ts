import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { newUpload, START, testStore } from './test-store';

import type { Store } from '../../../electron/store';
import type { RowProblemRecord } from '../../../electron/store/types';

function withUpload() {
  const context = testStore();
  context.store.uploads.create(newUpload());
  return context;
}

function plan(store: Store, seq: number, firstRow = 2 + seq * 3, eventCount = 3): void {
  store.batches.upsertPending({
    uploadId: 'upload-1',
    seq,
    firstRow,
    lastRow: firstRow + 2,
    eventCount,
  });
}

function rejection(row: number, code = 'invalid_hash'): RowProblemRecord {
  return {
    uploadId: 'upload-1',
    row,
    eventId: `evt-${row}`,
    source: 'cadent',
    code,
    message: code,
  };
}

describe('batches', () => {
  it('records a batch as pending, then sent', () => {
    const { store, clock } = withUpload();
    plan(store, 0);
    clock.advance(1000);

    store.batches.markSent('upload-1', 0);

    expect(store.batches.list('upload-1')).toEqual([
      {
        uploadId: 'upload-1',
        seq: 0,
        firstRow: 2,
        lastRow: 4,
        eventCount: 3,
        status: 'sent',
        accepted: 0,
        duplicates: 0,
        rejected: 0,
        error: null,
        updatedAt: '2025-03-01T12:00:01.000Z',
      },
    ]);
  });

  it('lists batches in sequence order', () => {
    const { store } = withUpload();
    for (const seq of [2, 0, 1]) plan(store, seq);

    expect(store.batches.list('upload-1').map((batch) => batch.seq)).toEqual([0, 1, 2]);
    expect(store.batches.list('other')).toEqual([]);
  });

  it('records a failure with its reason, with any API key header blanked', () => {
    const { store } = withUpload();
    plan(store, 0);
    store.batches.markSent('upload-1', 0);

    store.batches.markFailed('upload-1', 0, 'HTTP 401 for x-api-key: sk_live_123');

    expect(store.batches.list('upload-1')[0]).toMatchObject({
      status: 'failed',
      error: 'HTTP 401 for x-api-key: [REDACTED]',
    });
  });

  it('plans a failed batch again as pending, its error cleared', () => {
    const { store } = withUpload();
    plan(store, 0);
    store.batches.markFailed('upload-1', 0, 'HTTP 503');

    plan(store, 0);

    expect(store.batches.list('upload-1')[0]).toMatchObject({ status: 'pending', error: null });
  });

  it('confirms a batch: its counts, its rejected rows and the upload totals, together', () => {
    const { store } = withUpload();
    plan(store, 0);
    plan(store, 1);
    store.batches.markSent('upload-1', 0);
    store.batches.markSent('upload-1', 1);

    store.batches.markConfirmed('upload-1', 0, {
      accepted: 2,
      duplicates: 0,
      rejected: [rejection(3)],
    });
    store.batches.markConfirmed('upload-1', 1, { accepted: 1, duplicates: 2, rejected: [] });

    expect(store.batches.list('upload-1')).toMatchObject([
      { seq: 0, status: 'confirmed', accepted: 2, duplicates: 0, rejected: 1 },
      { seq: 1, status: 'confirmed', accepted: 1, duplicates: 2, rejected: 0 },
    ]);
    expect(store.rowProblems.list('upload-1')).toEqual([rejection(3)]);
    expect(store.uploads.get('upload-1')).toMatchObject({
      accepted: 3,
      duplicates: 2,
      rejected: 1,
    });
    expect(store.batches.confirmedSeqs('upload-1')).toEqual(new Set([0, 1]));
  });

  it('reports only confirmed batches as confirmed', () => {
    const { store } = withUpload();
    for (const seq of [0, 1, 2, 3]) plan(store, seq);
    store.batches.markSent('upload-1', 1);
    store.batches.markFailed('upload-1', 2, 'HTTP 400');
    store.batches.markConfirmed('upload-1', 3, { accepted: 3, duplicates: 0, rejected: [] });

    expect(store.batches.confirmedSeqs('upload-1')).toEqual(new Set([3]));
  });

  it('records nothing of a confirmation that fails part-way', () => {
    const { store } = withUpload();
    plan(store, 0);
    store.batches.markSent('upload-1', 0);
    // The last step of the confirmation fails, after the batch and its rejections are written.
    const db = new Database(store.path);
    db.exec(`CREATE TRIGGER fail_totals BEFORE UPDATE OF accepted ON uploads
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    db.close();

    expect(() =>
      store.batches.markConfirmed('upload-1', 0, {
        accepted: 2,
        duplicates: 0,
        rejected: [rejection(3)],
      }),
    ).toThrow('disk full');

    expect(store.batches.list('upload-1')[0]).toMatchObject({ status: 'sent', accepted: 0 });
    expect(store.rowProblems.count('upload-1')).toBe(0);
    expect(store.uploads.get('upload-1')).toMatchObject({
      accepted: 0,
      duplicates: 0,
      rejected: 0,
    });
    expect(store.batches.confirmedSeqs('upload-1')).toEqual(new Set());
  });

  it('refuses to confirm a batch twice, so no total is counted twice', () => {
    const { store } = withUpload();
    plan(store, 0);
    store.batches.markConfirmed('upload-1', 0, { accepted: 3, duplicates: 0, rejected: [] });

    expect(() =>
      store.batches.markConfirmed('upload-1', 0, { accepted: 3, duplicates: 0, rejected: [] }),
    ).toThrow('Batch 0 of upload "upload-1" is already confirmed.');
    expect(store.uploads.get('upload-1')?.accepted).toBe(3);
  });

  it('keeps a confirmed batch confirmed', () => {
    const { store } = withUpload();
    plan(store, 0);
    store.batches.markConfirmed('upload-1', 0, { accepted: 3, duplicates: 0, rejected: [] });

    // Planning it again over the same rows, as a resume may, changes nothing.
    plan(store, 0);
    expect(store.batches.list('upload-1')[0]).toMatchObject({ status: 'confirmed', accepted: 3 });

    expect(() => plan(store, 0, 10)).toThrow(/is confirmed for rows 2–4/);
    expect(() => store.batches.markSent('upload-1', 0)).toThrow(/already confirmed/);
    expect(() => store.batches.markFailed('upload-1', 0, 'late')).toThrow(/already confirmed/);
    expect(store.batches.list('upload-1')[0]).toMatchObject({ status: 'confirmed', firstRow: 2 });
  });

  it('refuses to change a batch that was never planned', () => {
    const { store } = withUpload();
    const result = { accepted: 1, duplicates: 0, rejected: [] };

    expect(() => store.batches.markSent('upload-1', 7)).toThrow(
      'Upload "upload-1" has no batch 7.',
    );
    expect(() => store.batches.markFailed('upload-1', 7, 'x')).toThrow(/has no batch 7/);
    expect(() => store.batches.markConfirmed('upload-1', 7, result)).toThrow(/has no batch 7/);
  });

  it('refuses rejections that belong to another upload or are not from Cadent', () => {
    const { store } = withUpload();
    plan(store, 0);
    const local: RowProblemRecord = { ...rejection(3), source: 'local' };
    const stray: RowProblemRecord = { ...rejection(4), uploadId: 'upload-2' };

    for (const bad of [local, stray]) {
      expect(() =>
        store.batches.markConfirmed('upload-1', 0, { accepted: 2, duplicates: 0, rejected: [bad] }),
      ).toThrow(/rejected rows must belong to upload "upload-1" with source "cadent"/);
    }
    expect(store.batches.list('upload-1')[0]?.status).toBe('pending');
  });

  it.each([
    [{ seq: -1 }, /seq: must not be negative/],
    [{ firstRow: 1 }, /firstRow: must be a data row/],
    [{ lastRow: 1 }, /lastRow must not come before firstRow/],
    [{ eventCount: 0 }, /eventCount: must be at least 1/],
  ])('refuses to plan a batch with %o', (overrides, message) => {
    const { store } = withUpload();
    const batch = { uploadId: 'upload-1', seq: 0, firstRow: 2, lastRow: 4, eventCount: 3 };

    expect(() => store.batches.upsertPending({ ...batch, ...overrides })).toThrow(message);
    expect(store.batches.list('upload-1')).toEqual([]);
  });

  it('stamps batches with the store clock', () => {
    const { store } = withUpload();
    plan(store, 0);

    expect(store.batches.list('upload-1')[0]?.updatedAt).toBe(START);
  });
});
