/** `rejected UPLOAD_ID --out FILE`: the rows that did not arrive, with their reasons. */
import { exportRejectedRows } from '../../upload/rejected-export';
import { onePositional, parseCommand } from '../args';
import { UsageError } from '../errors';

import type { CommandContext } from '../context';

export const REJECTED_HELP = 'cadent-uploader rejected UPLOAD_ID --out FILE.csv';

export async function rejectedCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(argv, { out: { type: 'string' } }, 'rejected');
  const uploadId = onePositional(positionals, 'UPLOAD_ID', 'rejected');
  if (!values.out) throw new UsageError('rejected: --out FILE is required');
  const result = await exportRejectedRows(context.store(), uploadId, values.out);
  context.err(`wrote ${result.rows} row(s) to ${values.out}`);
  return 0;
}
