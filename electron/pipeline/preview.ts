/**
 * The first events of a file exactly as they would be sent, with the raw → normalized →
 * hashed trace of each identity field. Reads only as many rows as it needs, in this thread.
 */
import { compileForFile } from './compile';
import { fileEvents } from './file-events';

import type { BuiltEvent } from '../../shared/build-event';
import type { IdentityField } from '../../shared/cadent-fields';
import type { Mapping } from '../../shared/mapping';

export interface PreviewOptions {
  limit: number;
  matchKey: IdentityField | null;
  now: Date;
  signal?: AbortSignal;
}

/** Built events (valid or not) for the first `limit` events of the file, traced. */
export async function previewEvents(
  filePath: string,
  mapping: Mapping,
  options: PreviewOptions,
): Promise<{ headers: string[]; events: BuiltEvent[] }> {
  let headers: string[] = [];
  const events: BuiltEvent[] = [];
  if (options.limit <= 0) return { headers, events };
  const compile = (fileHeaders: string[]) => {
    headers = fileHeaders;
    return compileForFile(mapping, fileHeaders, options.matchKey, options.now, false);
  };
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  for await (const item of fileEvents(filePath, compile, { trace: true, signal })) {
    if (item.kind !== 'event') continue;
    events.push(item.built);
    if (events.length >= options.limit) break;
  }
  abort.abort();
  return { headers, events };
}
