import path from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { DATABASE_FILE_NAME, openStore, StoreError } from '../../../electron/store';
import { applyMigrations } from '../../../electron/store/migrate';
import { MIGRATIONS } from '../../../electron/store/migrations';

import { tempDataDir, testStore } from './test-store';

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('build the whole schema from an empty folder', () => {
    const { store } = testStore();

    expect(userVersion(store.path)).toBe(MIGRATIONS.length);
    const db = new Database(store.path, { readonly: true });
    const tables = db
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    db.close();
    expect(tables).toEqual(
      expect.arrayContaining([
        'batches',
        'connections',
        'request_log',
        'row_problems',
        'saved_mappings',
        'settings',
        'uploads',
      ]),
    );
  });

  it('are numbered 1, 2, 3, ... with no gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      MIGRATIONS.map((_migration, index) => index + 1),
    );
  });

  it('leave an up-to-date database as it is when it is opened again', () => {
    const dataDir = tempDataDir();
    const first = openStore({ dataDir });
    first.mappings.save({ headerSignature: 'email|total', name: 'Shopify', mappingJson: '{}' });
    first.close();

    const again = openStore({ dataDir });
    expect(again.mappings.list().map((mapping) => mapping.name)).toEqual(['Shopify']);
    again.close();
    expect(userVersion(path.join(dataDir, DATABASE_FILE_NAME))).toBe(MIGRATIONS.length);
  });

  it('refuse a database written by a newer version, and leave it untouched', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, DATABASE_FILE_NAME);
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();

    let refusal: unknown;
    try {
      openStore({ dataDir });
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(StoreError);
    expect(refusal).toMatchObject({ code: 'newer-database' });
    expect((refusal as Error).message).toMatch(/newer version of Cadent Uploader/);
    expect((refusal as Error).message).toContain(`schema ${MIGRATIONS.length + 1}`);
    expect(userVersion(file)).toBe(MIGRATIONS.length + 1);
  });

  it('roll back a step that fails, keeping the steps before it', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, name: 'first', up: 'CREATE TABLE first (x);' },
      {
        version: 2,
        name: 'broken',
        up: 'CREATE TABLE second (x); INSERT INTO missing VALUES (1);',
      },
    ];

    expect(() => applyMigrations(db, steps)).toThrow(/no such table: missing/);

    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'");
    expect(tables.pluck().all()).toEqual(['first']);
    db.close();
  });

  it('refuse a list with a gap in its numbers', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, name: 'first', up: 'CREATE TABLE first (x);' },
      { version: 3, name: 'third', up: 'CREATE TABLE third (x);' },
    ];

    expect(() => applyMigrations(db, steps)).toThrow(/numbered 3, not 2/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });

  it('let a second connection skip steps the first one applied meanwhile', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, DATABASE_FILE_NAME);
    const early = new Database(file);
    const late = new Database(file);

    expect(applyMigrations(early, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(applyMigrations(late, MIGRATIONS)).toBe(MIGRATIONS.length);
    early.close();
    late.close();
  });
});
