/** `preview FILE --mapping M`: events as they would be sent, then the full-file check. */
import { isIdentityField } from '../../../shared/cadent-fields';
import { mappingProblems } from '../../../shared/mapping';
import { readCsvHead } from '../../csv/read';
import { loadMappingFile } from '../../mapping-file';
import { checkFile } from '../../pipeline/check-file';
import { previewEvents } from '../../pipeline/preview';
import { intOption, nowOption, onePositional, parseCommand } from '../args';
import { UsageError } from '../errors';
import { formatSummary } from '../format';

import type { IdentityField } from '../../../shared/cadent-fields';
import type { CommandContext } from '../context';

export const PREVIEW_HELP = `cadent-uploader preview FILE --mapping M [--limit N] [--trace]
    [--match-key FIELD] [--json] [--now ISO]`;

export async function previewCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      mapping: { type: 'string' },
      limit: { type: 'string' },
      trace: { type: 'boolean' },
      'match-key': { type: 'string' },
      json: { type: 'boolean' },
      now: { type: 'string' },
    },
    'preview',
  );
  const file = onePositional(positionals, 'FILE', 'preview');
  if (!values.mapping) throw new UsageError('preview: --mapping FILE is required');
  const mapping = await loadMappingFile(values.mapping);
  const limit = intOption(values.limit, 'limit', 10, [0, 10_000]);
  const matchKey = matchKeyOption(values['match-key']);
  const now = nowOption(values.now);

  // What would stop an upload is said once, up front, not on every row.
  const head = await readCsvHead(file, { maxRows: 1 });
  for (const problem of mappingProblems(mapping, head.headers, matchKey)) {
    context.err(`note: ${problem}`);
  }
  const { events } = await previewEvents(file, mapping, { limit, matchKey, now });
  for (const built of events) {
    if (values.trace) {
      context.out(
        JSON.stringify({
          rows: [built.firstRow, built.lastRow],
          event: built.event,
          problems: built.problems,
          trace: built.trace,
        }),
      );
    } else if (built.event) {
      context.out(JSON.stringify(built.event));
    } else {
      const reasons = built.problems
        .filter((p) => p.fatal)
        .map((p) => p.message)
        .join('; ');
      context.err(`row ${built.firstRow}: not sent: ${reasons}`);
    }
  }
  const { summary } = await checkFile(file, mapping, { matchKey, now });
  context.err(values.json ? JSON.stringify(summary) : formatSummary(summary));
  return 0;
}

function matchKeyOption(value: string | undefined): IdentityField | null {
  if (value === undefined) return null;
  if (!isIdentityField(value))
    throw new UsageError(`--match-key: "${value}" is not an identity field`);
  return value;
}
