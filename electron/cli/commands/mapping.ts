/** `mapping suggest FILE`: a proposed mapping as JSON, to review, complete and keep. */
import { isValidTimeZone } from '../../../shared/event-time';
import { suggestMapping } from '../../../shared/header-match';
import { readCsvHead } from '../../csv/read';
import { onePositional, parseCommand } from '../args';
import { UsageError } from '../errors';

import type { CommandContext } from '../context';

export const MAPPING_HELP = 'cadent-uploader mapping suggest FILE [--time-zone ZONE]';

export async function mappingCommand(argv: string[], context: CommandContext): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'suggest') throw new UsageError('mapping: say `mapping suggest FILE`');
  const { values, positionals } = parseCommand(
    rest,
    { 'time-zone': { type: 'string' } },
    'mapping suggest',
  );
  const file = onePositional(positionals, 'FILE', 'mapping suggest');
  const zone = values['time-zone'] ?? 'UTC';
  if (!isValidTimeZone(zone)) throw new UsageError(`--time-zone: unknown time zone "${zone}"`);
  const head = await readCsvHead(file, { maxRows: 50 });
  const suggestion = suggestMapping(
    head.headers,
    head.rows.map((row) => row.cells),
    zone,
  );
  context.out(JSON.stringify(suggestion.mapping, null, 2));
  for (const note of suggestion.notes) context.err(`note: ${note}`);
  return 0;
}
