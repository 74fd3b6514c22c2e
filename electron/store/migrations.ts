/** One step of the schema. Applied steps are never edited: a change is a new step. */
export interface Migration {
  /** 1, 2, 3, ... with no gaps; the database records the last one applied in `user_version`. */
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/** The schema, oldest step first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up: `
      CREATE TABLE connections (
        name TEXT PRIMARY KEY,
        endpoint TEXT NOT NULL,
        key_hint TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- No foreign keys here: the log is a record of what went over the wire and outlives the
      -- uploads and connections it names.
      CREATE TABLE request_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        time TEXT NOT NULL,
        connection TEXT,
        dataset_id TEXT,
        upload_id TEXT,
        batch_seq INTEGER,
        method TEXT NOT NULL,
        url TEXT NOT NULL,
        status INTEGER,
        duration_ms INTEGER NOT NULL,
        attempt INTEGER NOT NULL,
        event_count INTEGER NOT NULL,
        request_body TEXT,
        response_body TEXT,
        error TEXT
      );
      CREATE INDEX request_log_by_time ON request_log (time);
      CREATE INDEX request_log_by_upload ON request_log (upload_id, time);
      CREATE INDEX request_log_by_dataset ON request_log (dataset_id, time);
      CREATE INDEX request_log_by_connection ON request_log (connection, time);
      CREATE INDEX request_log_by_status ON request_log (status, time);

      -- owner_pid: the process running the upload, so one process starting up does not mark
      -- another's live upload as interrupted (the CLI and the app share this file).
      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('running', 'interrupted', 'completed', 'failed', 'cancelled')),
        owner_pid INTEGER,
        file_path TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        file_sha256 TEXT NOT NULL,
        connection TEXT,
        endpoint TEXT NOT NULL,
        dataset_id TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        row_count INTEGER,
        event_count INTEGER,
        accepted INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        invalid INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE INDEX uploads_by_created ON uploads (created_at);
      CREATE INDEX uploads_by_status ON uploads (status);

      CREATE TABLE batches (
        upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        first_row INTEGER NOT NULL,
        last_row INTEGER NOT NULL,
        event_count INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'confirmed', 'failed')),
        accepted INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (upload_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE row_problems (
        upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
        row INTEGER NOT NULL,
        event_id TEXT,
        source TEXT NOT NULL CHECK (source IN ('local', 'cadent')),
        code TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX row_problems_by_row ON row_problems (upload_id, row);
      CREATE INDEX row_problems_by_source ON row_problems (upload_id, source);

      CREATE TABLE saved_mappings (
        header_signature TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- One row per setting, the value as JSON: adding a setting needs no migration.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];
