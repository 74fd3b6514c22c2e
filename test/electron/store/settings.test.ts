import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { StoreError } from '../../../electron/store';
import { DEFAULT_SETTINGS } from '../../../electron/store/types';

import { testStore } from './test-store';

import type { Settings } from '../../../electron/store/types';

describe('settings', () => {
  it('reads the defaults before anything is saved', () => {
    const { store } = testStore();

    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves a patch over the other settings and keeps it across a reopen', () => {
    const { store, dataDir } = testStore();

    const updated = store.settings.update({ logRetentionDays: 0, defaultTimeZone: 'Europe/Paris' });

    expect(updated).toEqual({
      ...DEFAULT_SETTINGS,
      logRetentionDays: 0,
      defaultTimeZone: 'Europe/Paris',
    });
    store.close();
    const { store: reopened } = testStore({ dataDir });
    expect(reopened.settings.get()).toEqual(updated);
  });

  it('stores a time zone in its canonical spelling', () => {
    const { store } = testStore();

    expect(store.settings.update({ defaultTimeZone: 'utc' }).defaultTimeZone).toBe('UTC');
  });

  it.each([
    [{ batchSize: 5000 }, 'Invalid settings: batchSize: must be at most 1000.'],
    [{ batchSize: 0 }, 'Invalid settings: batchSize: must be at least 1.'],
    [{ concurrency: 2.5 }, 'Invalid settings: concurrency: must be a whole number.'],
    [
      { logRetentionDays: -7 },
      'Invalid settings: logRetentionDays: must be 0 (keep forever) or more.',
    ],
    [
      { defaultTimeZone: 'Mars/Olympus_Mons' },
      'Invalid settings: defaultTimeZone: must be an IANA time zone such as Europe/Paris.',
    ],
  ])('refuses %o with a clear error', (patch, message) => {
    const { store } = testStore();

    expect(() => store.settings.update(patch)).toThrow(StoreError);
    expect(() => store.settings.update(patch)).toThrow(message);
  });

  it('changes nothing when any part of a patch is bad', () => {
    const { store } = testStore();

    expect(() => store.settings.update({ concurrency: 4, batchSize: -1 })).toThrow(/batchSize/);
    expect(() => store.settings.update({ theme: 'dark' } as Partial<Settings>)).toThrow(/theme/);
    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('reads a stored value that no longer validates as its default', () => {
    const { store } = testStore();
    store.settings.update({ batchSize: 200, concurrency: 4 });
    const db = new Database(store.path);
    db.prepare("UPDATE settings SET value = ? WHERE key = 'batchSize'").run('"lots"');
    db.prepare(
      "INSERT INTO settings (key, value) VALUES ('concurrency', 'not json') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run();
    db.close();

    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS);
  });
});
