/**
 * The sandbox's stored events in SQLite: in memory by default, in a file (WAL) to survive a
 * restart. Insert only, like Cadent's sync mode; (dataset, event ID) is unique.
 */

import Database from 'better-sqlite3';

/** Stored events, in arrival order within each dataset. */
export interface EventStore {
  has(datasetId: string, eventId: string): boolean;
  insert(datasetId: string, eventId: string, event: unknown, receivedAt: Date): void;
  /** Runs `work` in one transaction, so a batch is stored whole or not at all. */
  transaction<T>(work: () => T): T;
  list(datasetId: string, limit?: number, offset?: number): unknown[];
  count(datasetId: string): number;
  clear(): void;
  close(): void;
}

/** Opens (and if needed creates) the store; without a file it lives in memory. */
export function openEventStore(dataFile?: string): EventStore {
  const db = new Database(dataFile ?? ':memory:');
  if (dataFile !== undefined) db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);

  const exists = db.prepare<[string, string], { found: number }>(
    'SELECT 1 AS found FROM events WHERE dataset_id = ? AND event_id = ?',
  );
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT INTO events (dataset_id, event_id, event_json, received_at) VALUES (?, ?, ?, ?)',
  );
  const page = db.prepare<[string, number, number], { event_json: string }>(
    'SELECT event_json FROM events WHERE dataset_id = ? ORDER BY seq LIMIT ? OFFSET ?',
  );
  const count = db.prepare<[string], { total: number }>(
    'SELECT COUNT(*) AS total FROM events WHERE dataset_id = ?',
  );

  return {
    has: (datasetId, eventId) => exists.get(datasetId, eventId) !== undefined,
    insert: (datasetId, eventId, event, receivedAt) => {
      insert.run(datasetId, eventId, JSON.stringify(event), receivedAt.toISOString());
    },
    transaction: (work) => db.transaction(work)(),
    list: (datasetId, limit = -1, offset = 0) =>
      page.all(datasetId, limit, offset).map((row) => JSON.parse(row.event_json) as unknown),
    count: (datasetId) => count.get(datasetId)?.total ?? 0,
    clear: () => {
      db.exec('DELETE FROM events');
    },
    close: () => db.close(),
  };
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_json TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (dataset_id, event_id)
  )
`;
