/** `inspect FILE`: what was detected in a CSV file and what is wrong with it, with row numbers. */
import { countCsvProblems } from '../../csv/inspect';
import { readCsvHead } from '../../csv/read';
import { onePositional, parseCommand } from '../args';

import type { CommandContext } from '../context';

export const INSPECT_HELP = 'cadent-uploader inspect FILE [--json]';

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

export async function inspectCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } }, 'inspect');
  const file = onePositional(positionals, 'FILE', 'inspect');
  const head = await readCsvHead(file, { maxRows: 5 });
  const full = await countCsvProblems(file, head.format);
  const report = {
    file: head.filePath,
    sizeBytes: head.sizeBytes,
    encoding: head.format.encoding,
    bom: head.format.bom,
    delimiter: DELIMITER_NAMES[head.format.delimiter] ?? head.format.delimiter,
    sepLine: head.format.sepLine,
    headerRow: head.format.sepLine ? 2 : 1,
    headers: head.headers,
    rows: full.rows,
    blankRows: full.blankRows,
    problems: full.problems,
  };
  if (values.json) {
    context.out(JSON.stringify(report, null, 2));
    return 0;
  }
  context.out(`file       ${report.file} (${report.sizeBytes} bytes)`);
  context.out(`encoding   ${report.encoding}${report.bom ? ' with BOM' : ''}`);
  context.out(`delimiter  ${report.delimiter}${report.sepLine ? ' (from a sep= line)' : ''}`);
  context.out(`header     line ${report.headerRow}: ${report.headers.length} columns`);
  report.headers.forEach((header, index) =>
    context.out(`  ${String(index + 1).padStart(3)}  ${header}`),
  );
  const blank = report.blankRows > 0 ? ` (and ${report.blankRows} blank, skipped)` : '';
  context.out(`rows       ${report.rows}${blank}`);
  if (report.problems.length === 0) {
    context.out('problems   none');
  } else {
    context.out(`problems   ${report.problems.length}`);
    for (const problem of report.problems) {
      const where =
        problem.row === null || problem.message.startsWith('row ') ? '' : `row ${problem.row}: `;
      context.out(`  ${where}${problem.message}`);
    }
  }
  return 0;
}
