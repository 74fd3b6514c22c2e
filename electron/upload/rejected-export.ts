/**
 * The CSV of an upload's rows that did not arrive, with their reasons: the row number, who
 * refused it (this app or Cadent), the code and message, then the row's own cells read again
 * from the file. The store keeps no cells, so this is the only place they are joined.
 */
import { readCsvRows } from '../csv/read';
import { createCsvWriter } from '../csv/write';

import { checkSameFile, UploadError } from './upload-job';

import type { Store } from '../store';
import type { RowProblemRecord } from '../store/types';

export interface RejectedExport {
  rows: number;
  /** Problems whose row the file no longer has (it changed since the upload). */
  missingRows: number;
}

/** Writes the rejected rows of `uploadId` to `outPath` (atomically). */
export async function exportRejectedRows(
  store: Store,
  uploadId: string,
  outPath: string,
): Promise<RejectedExport> {
  const upload = store.uploads.get(uploadId);
  if (!upload) throw new UploadError(`no upload with ID ${uploadId}`, 'not_found');
  // Reasons are kept by row number: they only fit the file the upload read.
  await checkSameFile(upload, upload.filePath);
  const byRow = new Map<number, RowProblemRecord[]>();
  const total = store.rowProblems.count(uploadId);
  for (let offset = 0; offset < total; offset += 5000) {
    for (const problem of store.rowProblems.list(uploadId, { limit: 5000, offset })) {
      const list = byRow.get(problem.row) ?? [];
      list.push(problem);
      byRow.set(problem.row, list);
    }
  }

  let writer: Awaited<ReturnType<typeof createCsvWriter>> | null = null;
  let written = 0;
  try {
    for await (const record of readCsvRows(upload.filePath)) {
      if (record.kind === 'header') {
        writer = await createCsvWriter(outPath, [
          'row',
          'refused by',
          'code',
          'reason',
          'event ID',
          ...record.headers,
        ]);
        continue;
      }
      if (record.kind !== 'row' || !writer) continue;
      const problems = byRow.get(record.row.row);
      if (!problems) continue;
      byRow.delete(record.row.row);
      const first = problems[0];
      await writer.write([
        String(record.row.row),
        problems.some((p) => p.source === 'cadent') ? 'Cadent' : 'this app',
        [...new Set(problems.map((p) => p.code))].join('; '),
        problems.map((p) => p.message).join('; '),
        first?.eventId ?? '',
        ...record.row.cells,
      ]);
      written += 1;
    }
    // Rows the reader could not split into cells (ragged) have problems but no cells.
    for (const [row, problems] of [...byRow].sort(([a], [b]) => a - b)) {
      if (!writer) break;
      await writer.write([
        String(row),
        'this app',
        problems.map((p) => p.code).join('; '),
        problems.map((p) => p.message).join('; '),
        problems[0]?.eventId ?? '',
      ]);
      written += 1;
      byRow.delete(row);
    }
    await writer?.close();
  } catch (error) {
    await writer?.abort?.();
    throw error;
  }
  return { rows: written, missingRows: byRow.size };
}
