import { StoreError } from './errors';

import type { Migration } from './migrations';
import type Database from 'better-sqlite3';

/**
 * Brings the database up to the last of `migrations`, one transaction per step, and returns
 * the version it ends at. A database written by a newer build is refused untouched, since
 * this build would misread tables it does not know.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): number {
  const latest = checkNumbering(migrations);
  const found = userVersion(db);
  if (found > latest) {
    throw new StoreError(
      'newer-database',
      `The database ${db.name} was written by a newer version of Cadent Uploader ` +
        `(schema ${found}; this version knows up to ${latest}). Update Cadent Uploader, ` +
        'or point CADENT_DATA_DIR at another folder.',
    );
  }

  for (const migration of migrations) {
    // IMMEDIATE takes the write lock before reading the version, so when the app and the CLI
    // start together only one applies each step and the other sees it done.
    db.transaction(() => {
      if (userVersion(db) >= migration.version) return;
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return latest;
}

function checkNumbering(migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" is numbered ${migration.version}, not ${index + 1}`,
      );
    }
  });
  return migrations.length;
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
