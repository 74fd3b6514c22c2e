/** `log`: the request log, newest first, filtered; or exported to a file. */
import { exportRequestLog } from '../../log-export';
import { intOption, parseCommand } from '../args';
import { UsageError } from '../errors';

import type { RequestLogQuery } from '../../store/types';
import type { CommandContext } from '../context';

export const LOG_HELP = `cadent-uploader log [--upload ID] [--status ok|error|CODE] [--dataset D]
    [--since ISO] [--until ISO] [--limit N] [--json] [--export FILE --format csv|json]`;

export async function logCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      upload: { type: 'string' },
      status: { type: 'string' },
      dataset: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      export: { type: 'string' },
      format: { type: 'string' },
    },
    'log',
  );
  if (positionals.length > 0) throw new UsageError(`log: unexpected argument "${positionals[0]}"`);
  const query: RequestLogQuery = {
    ...(values.upload ? { uploadId: values.upload } : {}),
    ...(values.dataset ? { datasetId: values.dataset } : {}),
    ...(values.since ? { since: values.since } : {}),
    ...(values.until ? { until: values.until } : {}),
    ...(values.status ? { status: statusOption(values.status) } : {}),
  };
  const store = context.store();

  if (values.export) {
    const format = values.format ?? (values.export.endsWith('.json') ? 'json' : 'csv');
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
    const count = await exportRequestLog(store, query, format, values.export);
    context.err(`wrote ${count} request(s) to ${values.export}`);
    return 0;
  }

  const limit = intOption(values.limit, 'limit', 50, [1, 100_000]);
  const entries = store.requestLog.query({ ...query, limit });
  if (values.json) {
    context.out(JSON.stringify(entries, null, 2));
    return 0;
  }
  const total = store.requestLog.count(query);
  if (entries.length === 0) {
    context.err(
      'no requests logged' + (Object.keys(query).length > 0 ? ' match these filters' : ''),
    );
    return 0;
  }
  for (const entry of entries) {
    const status = entry.status === null ? (entry.error ?? 'no answer') : String(entry.status);
    const batch = entry.batchSeq === null ? '' : ` batch ${entry.batchSeq}`;
    context.out(
      `${entry.time}  ${entry.method.padEnd(4)} ${status.padEnd(5)} ` +
        `${String(entry.durationMs).padStart(6)} ms  try ${entry.attempt}  ` +
        `${String(entry.eventCount).padStart(5)} events  ${entry.datasetId ?? '-'}${batch}  ` +
        `${entry.connection ?? ''}`,
    );
  }
  if (total > entries.length) context.err(`${entries.length} of ${total} shown (--limit)`);
  return 0;
}

function statusOption(value: string): RequestLogQuery['status'] {
  if (value === 'ok' || value === 'error') return value;
  const code = Number(value);
  if (!Number.isInteger(code) || code < 100 || code > 599) {
    throw new UsageError('--status must be ok, error or an HTTP status code');
  }
  return code;
}
