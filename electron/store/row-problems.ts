import { z } from 'zod';

import { writeTransaction } from './context';
import { isConstraintError, StoreError } from './errors';
import { ROW_PROBLEMS } from './tables';
import { nonEmptySchema, pageSchema, parseInput } from './validation';

import type { StoreContext } from './context';
import type { RowProblemRecord, RowProblemSource } from './types';

/** Rows of an upload that did not arrive, with the reason: row numbers and codes, no cells. */
export interface RowProblemRepository {
  /** Adds all of `rows` or, if one is refused, none. */
  addMany(rows: readonly RowProblemRecord[]): void;
  /** By row number, then in the order they were added. */
  list(uploadId: string, options?: { limit?: number; offset?: number }): RowProblemRecord[];
  count(uploadId: string, source?: RowProblemSource): number;
  /** Forgets an upload's problems, e.g. its local ones before a resume counts them again. */
  clear(uploadId: string, source?: RowProblemSource): void;
}

/** Builds the row-problems repository over an open store. */
export function createRowProblemRepository(context: StoreContext): RowProblemRepository {
  const { db } = context;
  const insert = db.prepare<RowProblemRecord>(
    `INSERT INTO row_problems (upload_id, row, event_id, source, code, message)
     VALUES (@uploadId, @row, @eventId, @source, @code, @message)`,
  );
  const page = db.prepare<[string, number, number], RowProblemRecord>(
    `SELECT ${ROW_PROBLEMS.select} FROM row_problems WHERE upload_id = ?
     ORDER BY row, rowid LIMIT ? OFFSET ?`,
  );
  const countAll = db
    .prepare<[string], number>('SELECT count(*) FROM row_problems WHERE upload_id = ?')
    .pluck();
  const countBySource = db
    .prepare<[string, string], number>(
      'SELECT count(*) FROM row_problems WHERE upload_id = ? AND source = ?',
    )
    .pluck();
  const clearAll = db.prepare<[string]>('DELETE FROM row_problems WHERE upload_id = ?');
  const clearBySource = db.prepare<[string, string]>(
    'DELETE FROM row_problems WHERE upload_id = ? AND source = ?',
  );

  return {
    addMany(rows) {
      const records = parseInput(z.array(rowProblemSchema), rows, 'row problems');
      writeTransaction(context, () => {
        for (const record of records) {
          try {
            insert.run(record);
          } catch (error) {
            if (!isConstraintError(error, 'FOREIGNKEY')) throw error;
            throw new StoreError('not-found', `There is no upload with id "${record.uploadId}".`, {
              cause: error,
            });
          }
        }
      });
    },

    list(uploadId, options = {}) {
      const { limit, offset } = parseInput(pageSchema, options, 'row-problem list options');
      return page.all(uploadId, limit ?? -1, offset ?? 0);
    },

    count: (uploadId, source) =>
      (source === undefined ? countAll.get(uploadId) : countBySource.get(uploadId, source)) ?? 0,

    clear(uploadId, source) {
      if (source === undefined) clearAll.run(uploadId);
      else clearBySource.run(uploadId, source);
    },
  };
}

/** One row problem as the store accepts it. */
export const rowProblemSchema = z.strictObject({
  uploadId: nonEmptySchema,
  row: z.number().int().min(1, 'must be a row number (the header is row 1)'),
  eventId: z.string().nullable(),
  source: z.enum(['local', 'cadent']),
  code: nonEmptySchema,
  message: z.string(),
});
