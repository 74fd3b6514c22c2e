import { z } from 'zod';

import { isConstraintError, StoreError } from './errors';
import { CONNECTIONS } from './tables';
import { connectionNameSchema, endpointSchema, parseInput } from './validation';

import type { StoreContext } from './context';
import type { ConnectionRecord } from './types';

/** Named connections (endpoint and key hint); the keys themselves are in the OS keychain. */
export interface ConnectionRepository {
  /** All connections by name. */
  list(): ConnectionRecord[];
  get(name: string): ConnectionRecord | null;
  /** Creates the connection or replaces its endpoint and key hint, keeping `createdAt`. */
  upsert(connection: ConnectionInput): ConnectionRecord;
  /**
   * Renames a connection; uploads and log rows keep the name they were made under. The caller
   * moves the keychain entry, whose account is the name.
   */
  rename(from: string, to: string): ConnectionRecord;
  /** False when there was no such connection. */
  remove(name: string): boolean;
}

export interface ConnectionInput {
  name: string;
  endpoint: string;
  keyHint: string | null;
}

/** Builds the connections repository over an open store. */
export function createConnectionRepository(context: StoreContext): ConnectionRepository {
  const { db } = context;
  const listAll = db.prepare<[], ConnectionRecord>(
    `SELECT ${CONNECTIONS.select} FROM connections ORDER BY name COLLATE NOCASE, name`,
  );
  const byName = db.prepare<[string], ConnectionRecord>(
    `SELECT ${CONNECTIONS.select} FROM connections WHERE name = ?`,
  );
  const upsert = db.prepare<ConnectionInput & { now: string }, ConnectionRecord>(
    `INSERT INTO connections (name, endpoint, key_hint, created_at, updated_at)
     VALUES (@name, @endpoint, @keyHint, @now, @now)
     ON CONFLICT (name) DO UPDATE SET
       endpoint = excluded.endpoint, key_hint = excluded.key_hint, updated_at = excluded.updated_at
     RETURNING ${CONNECTIONS.select}`,
  );
  const rename = db.prepare<{ from: string; to: string; now: string }, ConnectionRecord>(
    `UPDATE connections SET name = @to, updated_at = @now WHERE name = @from
     RETURNING ${CONNECTIONS.select}`,
  );
  const remove = db.prepare<[string]>('DELETE FROM connections WHERE name = ?');

  return {
    list: () => listAll.all(),

    get: (name) => byName.get(name) ?? null,

    upsert(connection) {
      const input = parseInput(connectionInputSchema, connection, 'connection');
      return upsert.get({ ...input, now: context.now() }) as ConnectionRecord;
    },

    rename(from, to) {
      const names = parseInput(renameSchema, { from, to }, 'connection rename');
      try {
        const renamed = rename.get({ ...names, now: context.now() });
        if (!renamed) throw new StoreError('not-found', `There is no connection named "${from}".`);
        return renamed;
      } catch (error) {
        if (!isConstraintError(error, 'PRIMARYKEY')) throw error;
        throw new StoreError('conflict', `A connection named "${to}" already exists.`, {
          cause: error,
        });
      }
    },

    remove: (name) => remove.run(name).changes > 0,
  };
}

const connectionInputSchema = z.strictObject({
  name: connectionNameSchema,
  endpoint: endpointSchema,
  // Only the hint's shape is accepted, so a key passed here by mistake never reaches the disk.
  keyHint: z
    .string()
    .regex(/^•{4}[!-~]{0,4}$/u, 'must be a hint such as "••••1a2b", never the key')
    .nullable(),
});

const renameSchema = z.object({ from: connectionNameSchema, to: connectionNameSchema });
