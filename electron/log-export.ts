/** Exports request-log rows as CSV (formula cells neutralized) or JSON, atomically. */
import { rename, writeFile, rm } from 'node:fs/promises';

import { createCsvWriter } from './csv/write';

import type { Store } from './store';
import type { RequestLogQuery } from './store/types';

export const LOG_COLUMNS = [
  'id',
  'time',
  'connection',
  'datasetId',
  'uploadId',
  'batchSeq',
  'method',
  'url',
  'status',
  'durationMs',
  'attempt',
  'eventCount',
  'error',
  'requestBody',
  'responseBody',
] as const;

const PAGE = 1000;

/** Writes every log row matching `query`, newest first, as the log was when the export began. */
export async function exportRequestLog(
  store: Store,
  filter: RequestLogQuery,
  format: 'csv' | 'json',
  outPath: string,
): Promise<number> {
  // Pages are read between awaits while an upload may still be logging: bound them to the rows
  // that existed at the start, or a new row would shift every page and repeat an entry.
  const query = { ...filter, maxId: store.requestLog.lastId() };
  const total = store.requestLog.count(query);
  if (format === 'json') {
    const rows = [];
    for (let offset = 0; offset < total; offset += PAGE) {
      rows.push(...store.requestLog.query({ ...query, limit: PAGE, offset }));
    }
    const temp = `${outPath}.partial`;
    try {
      await writeFile(temp, `${JSON.stringify(rows, null, 2)}\n`);
      await rename(temp, outPath);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return rows.length;
  }
  const writer = await createCsvWriter(outPath, [...LOG_COLUMNS]);
  let written = 0;
  try {
    for (let offset = 0; offset < total; offset += PAGE) {
      for (const entry of store.requestLog.query({ ...query, limit: PAGE, offset })) {
        await writer.write(LOG_COLUMNS.map((column) => String(entry[column] ?? '')));
        written += 1;
      }
    }
    await writer.close();
  } catch (error) {
    await writer.abort?.();
    throw error;
  }
  return written;
}
