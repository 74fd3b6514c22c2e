/** `uploads`: recent uploads with their status and counts, to find one to resume. */
import { intOption, parseCommand } from '../args';

import type { CommandContext } from '../context';

export const UPLOADS_HELP = 'cadent-uploader uploads [--limit N] [--json]';

export async function uploadsCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values } = parseCommand(
    argv,
    { limit: { type: 'string' }, json: { type: 'boolean' } },
    'uploads',
  );
  const uploads = context.store().uploads.list({
    limit: intOption(values.limit, 'limit', 20, [1, 10_000]),
  });
  if (values.json) {
    context.out(JSON.stringify(uploads, null, 2));
  } else if (uploads.length === 0) {
    context.err('no uploads yet');
  } else {
    for (const u of uploads) {
      context.out(
        `${u.id}  ${u.createdAt}  ${u.status.padEnd(11)} ${u.datasetId}  ` +
          `accepted ${u.accepted} · duplicates ${u.duplicates} · rejected ${u.rejected} · ` +
          `invalid ${u.invalid}  ${u.filePath}`,
      );
    }
  }
  return 0;
}
