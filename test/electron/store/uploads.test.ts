import { describe, expect, it } from 'vitest';

import { StoreError } from '../../../electron/store';

import { deadProcessId, newUpload, START, testStore } from './test-store';

describe('uploads', () => {
  it('creates an upload as running, with no counts yet', () => {
    const { store } = testStore();
    const upload = newUpload();

    const created = store.uploads.create(upload);

    expect(created).toEqual({
      ...upload,
      createdAt: START,
      updatedAt: START,
      status: 'running',
      rowCount: null,
      eventCount: null,
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      invalid: 0,
      error: null,
    });
    expect(store.uploads.get(upload.id)).toEqual(created);
    expect(store.uploads.get('nope')).toBeNull();
  });

  it('refuses a second upload with the same id', () => {
    const { store } = testStore();
    store.uploads.create(newUpload());

    expect(() => store.uploads.create(newUpload())).toThrow(
      'An upload with id "upload-1" already exists.',
    );
  });

  it.each([
    [{ fileSha256: 'ABC' }, /fileSha256: must be 64 lowercase hex characters/],
    [{ fileSize: -1 }, /fileSize: must not be negative/],
    [{ mappingJson: '{fields' }, /mappingJson: must be valid JSON/],
    [{ datasetId: ' ' }, /datasetId: must not be empty/],
    [{ endpoint: 'not a url' }, /endpoint: must be an http or https URL/],
  ])('refuses an upload with %o', (overrides, message) => {
    const { store } = testStore();

    expect(() => store.uploads.create(newUpload(overrides))).toThrow(message);
  });

  it('lists uploads newest first, up to a limit', () => {
    const { store, clock } = testStore();
    for (const id of ['a', 'b', 'c']) {
      store.uploads.create(newUpload({ id }));
      clock.advance(1000);
    }

    expect(store.uploads.list().map((upload) => upload.id)).toEqual(['c', 'b', 'a']);
    expect(store.uploads.list({ limit: 2 }).map((upload) => upload.id)).toEqual(['c', 'b']);
  });

  it('updates progress and returns the upload as it now is', () => {
    const { store, clock } = testStore();
    store.uploads.create(newUpload());
    clock.advance(5000);

    const updated = store.uploads.update('upload-1', {
      status: 'completed',
      rowCount: 10,
      eventCount: 9,
      accepted: 8,
      duplicates: 1,
      invalid: 1,
    });

    expect(updated).toMatchObject({
      status: 'completed',
      rowCount: 10,
      eventCount: 9,
      accepted: 8,
      duplicates: 1,
      rejected: 0,
      invalid: 1,
      error: null,
      createdAt: START,
      updatedAt: '2025-03-01T12:00:05.000Z',
    });
    expect(store.uploads.get('upload-1')).toEqual(updated);
  });

  it('leaves fields out of the patch, or given as undefined, as they were', () => {
    const { store } = testStore();
    store.uploads.create(newUpload());
    store.uploads.update('upload-1', { error: 'boom', rowCount: 3 });

    const updated = store.uploads.update('upload-1', { error: undefined, status: 'failed' });

    expect(updated).toMatchObject({ error: 'boom', rowCount: 3, status: 'failed' });
    expect(store.uploads.update('upload-1', { error: null }).error).toBeNull();
  });

  it('blanks an API key header quoted in an error', () => {
    const { store } = testStore();
    store.uploads.create(newUpload());

    const updated = store.uploads.update('upload-1', { error: 'HTTP 401 (x-api-key: sk_live_1)' });

    // The value runs to the next space or quote, so the ")" goes too: the safe side.
    expect(updated.error).toBe('HTTP 401 (x-api-key: [REDACTED]');
  });

  it('refuses to update an unknown upload, or what a patch may not change', () => {
    const { store } = testStore();
    store.uploads.create(newUpload());

    expect(() => store.uploads.update('nope', { accepted: 1 })).toThrow(
      'There is no upload with id "nope".',
    );
    expect(() => store.uploads.update('upload-1', { accepted: -1 })).toThrow(/accepted/);
    expect(() => store.uploads.update('upload-1', { status: 'done' as 'completed' })).toThrow(
      StoreError,
    );
    expect(() => store.uploads.update('upload-1', { filePath: '/other.csv' } as object)).toThrow(
      /filePath/,
    );
  });

  it('lists running and interrupted uploads as resumable', () => {
    const { store, clock } = testStore();
    for (const [id, status] of [
      ['done', 'completed'],
      ['crashed', 'interrupted'],
      ['live', 'running'],
      ['stopped', 'cancelled'],
      ['broken', 'failed'],
    ] as const) {
      store.uploads.create(newUpload({ id }));
      store.uploads.update(id, { status });
      clock.advance(1000);
    }

    expect(store.uploads.listResumable().map((upload) => upload.id)).toEqual(['live', 'crashed']);
  });

  describe('markRunningAsInterrupted', () => {
    it('marks uploads whose process has gone, and only those', async () => {
      const { store, dataDir, clock } = testStore();
      const { store: crashed } = testStore({ dataDir, processId: await deadProcessId() });
      // The parent of this test process stands in for a CLI run that is still going.
      const { store: liveCli } = testStore({ dataDir, processId: process.ppid });
      crashed.uploads.create(newUpload({ id: 'crashed' }));
      liveCli.uploads.create(newUpload({ id: 'cli' }));
      store.uploads.create(newUpload({ id: 'mine' }));
      crashed.uploads.create(newUpload({ id: 'finished' }));
      crashed.uploads.update('finished', { status: 'completed' });
      clock.advance(1000);

      expect(store.uploads.markRunningAsInterrupted()).toBe(1);

      expect(store.uploads.get('crashed')).toMatchObject({
        status: 'interrupted',
        updatedAt: '2025-03-01T12:00:01.000Z',
      });
      expect(store.uploads.get('cli')?.status).toBe('running');
      expect(store.uploads.get('mine')?.status).toBe('running');
      expect(store.uploads.get('finished')?.status).toBe('completed');
      expect(store.uploads.markRunningAsInterrupted()).toBe(0);
    });

    it('treats a resumed upload as owned by the process that resumed it', async () => {
      const { store, dataDir } = testStore();
      const { store: crashed } = testStore({ dataDir, processId: await deadProcessId() });
      crashed.uploads.create(newUpload());
      store.uploads.markRunningAsInterrupted();

      store.uploads.update('upload-1', { status: 'running' });

      const { store: nextStart } = testStore({ dataDir, processId: await deadProcessId() });
      expect(nextStart.uploads.markRunningAsInterrupted()).toBe(0);
      expect(store.uploads.get('upload-1')?.status).toBe('running');
    });
  });
});
