/** `key set`, `key delete`: the endpoint goes in the store, the API key in the keychain. */
import { parseEndpoint } from '../../cadent/endpoint';
import { deleteApiKey, keyHint, saveApiKey } from '../../keychain';
import { parseCommand } from '../args';
import { UsageError } from '../errors';
import { readSecret } from '../read-secret';

import type { CommandContext } from '../context';

export const KEY_HELP = `cadent-uploader key set --connection NAME --endpoint URL   (API key on stdin)
cadent-uploader key delete --connection NAME
cadent-uploader connections`;

export async function keyCommand(argv: string[], context: CommandContext): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseCommand(
    rest,
    {
      connection: { type: 'string' },
      endpoint: { type: 'string' },
    },
    `key ${action ?? ''}`.trim(),
  );
  const name = values.connection?.trim();
  if (!name) throw new UsageError('key: --connection NAME is required');

  if (action === 'set') {
    const existing = context.store().connections.get(name);
    const endpointText = values.endpoint ?? existing?.endpoint;
    if (!endpointText) throw new UsageError('key set: --endpoint URL is required');
    const endpoint = parseEndpoint(endpointText);
    if (!endpoint.ok) throw new UsageError(`key set: ${endpoint.message}`);
    const key = await readSecret(context, 'API key: ');
    if (!key) throw new UsageError('key set: no API key on standard input');
    await saveApiKey(name, key);
    context.store().connections.upsert({
      name,
      endpoint: endpoint.url.toString(),
      keyHint: keyHint(key),
    });
    context.err(`saved connection "${name}" (${endpoint.url}) with key ${keyHint(key)}`);
    return 0;
  }
  if (action === 'delete') {
    const hadKey = await deleteApiKey(name);
    const hadConnection = context.store().connections.remove(name);
    if (!hadKey && !hadConnection)
      throw new UsageError(`key delete: no connection named "${name}"`);
    context.err(`deleted connection "${name}"`);
    return 0;
  }
  throw new UsageError('key: say `key set` or `key delete`');
}

export async function connectionsCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values } = parseCommand(argv, { json: { type: 'boolean' } }, 'connections');
  const connections = context.store().connections.list();
  if (values.json) {
    context.out(JSON.stringify(connections, null, 2));
  } else if (connections.length === 0) {
    context.err('no connections yet: add one with `cadent-uploader key set`');
  } else {
    for (const c of connections)
      context.out(`${c.name}\t${c.endpoint}\t${c.keyHint ?? '(no key)'}`);
  }
  return 0;
}
