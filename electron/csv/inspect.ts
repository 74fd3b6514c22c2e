/** A pass over a whole file counting its data rows and listing its problems. */
import { readCsvRows } from './read';

import type { CsvFormat, CsvProblem } from './types';

/** At most this many problems are listed; the row count is always exact. */
const PROBLEMS_KEPT = 1000;

export async function countCsvProblems(
  filePath: string,
  format?: CsvFormat,
): Promise<{ rows: number; blankRows: number; problems: CsvProblem[]; moreProblems: number }> {
  let rows = 0;
  let blankRows = 0;
  let moreProblems = 0;
  const problems: CsvProblem[] = [];
  for await (const record of readCsvRows(filePath, format ? { format } : {})) {
    if (record.kind === 'row') rows += 1;
    if (record.kind !== 'problem') continue;
    // A ragged or undecodable row is still a data row; a blank one is skipped, not counted.
    const isDataRow = record.problem.row !== null && record.problem.kind !== 'blank_row';
    if (isDataRow) rows += 1;
    if (record.problem.kind === 'blank_row') blankRows += 1;
    if (problems.length < PROBLEMS_KEPT) problems.push(record.problem);
    else moreProblems += 1;
  }
  return { rows, blankRows, problems, moreProblems };
}
