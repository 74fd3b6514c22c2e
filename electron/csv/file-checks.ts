/**
 * The checks before a file is read, and the errors of reading it, as CsvErrors that name the file.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

import { CsvError } from './types';

import type { Stats } from 'node:fs';

/** The file's stats, or a CsvError if it is missing, a folder or not readable. */
export async function statCsvFile(filePath: string): Promise<Stats> {
  let stats: Stats;
  try {
    stats = await stat(filePath);
  } catch (error) {
    throw readError(error, filePath);
  }

  const name = basename(filePath);
  if (stats.isDirectory()) {
    throw new CsvError('not_a_file', filePath, `${name} is a folder, not a CSV file`);
  }
  if (!stats.isFile()) {
    throw new CsvError('not_a_file', filePath, `${name} is not a regular file`);
  }
  return stats;
}

/** A CsvError for an error from opening or reading `filePath`; a CsvError passes through. */
export function readError(error: unknown, filePath: string): CsvError {
  if (error instanceof CsvError) return error;

  const name = basename(filePath);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new CsvError('not_found', filePath, `${name} was not found at ${filePath}`, {
      cause: error,
    });
  }
  if (code === 'EISDIR') {
    return new CsvError('not_a_file', filePath, `${name} is a folder, not a CSV file`, {
      cause: error,
    });
  }
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EBUSY'
        ? 'another program has it locked'
        : error instanceof Error
          ? error.message
          : String(error);
  return new CsvError('unreadable', filePath, `${name} cannot be read: ${reason}`, {
    cause: error,
  });
}
