/**
 * Where an upload goes and with which key: a saved connection (endpoint in the store, key in
 * the OS keychain) or, for headless jobs, an endpoint with the key in CADENT_API_KEY.
 */
import { parseEndpoint } from './cadent/endpoint';
import { apiKeyFromEnvironment, readApiKey } from './keychain';

import type { Store } from './store';

export interface Target {
  endpoint: string;
  apiKey: string;
  connection: string | null;
}

/** A missing connection, endpoint or key, said so the user knows what to run. */
export class TargetError extends Error {
  readonly code = 'no_target';
}

/** Resolves a connection name or an endpoint to an endpoint and key. */
export async function resolveTarget(
  store: Store,
  choice: { connection?: string; endpoint?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target> {
  const envKey = apiKeyFromEnvironment(env);
  if (choice.connection) {
    const saved = store.connections.get(choice.connection);
    if (!saved) {
      throw new TargetError(
        `no connection named "${choice.connection}": add it with ` +
          `\`cadent-uploader key set --connection ${quote(choice.connection)} --endpoint URL\``,
      );
    }
    const apiKey = envKey ?? (await readApiKey(saved.name));
    if (!apiKey) {
      throw new TargetError(`no API key is saved for connection "${saved.name}"`);
    }
    return { endpoint: choice.endpoint ?? saved.endpoint, apiKey, connection: saved.name };
  }
  if (choice.endpoint) {
    const endpoint = parseEndpoint(choice.endpoint);
    if (!endpoint.ok) throw new TargetError(endpoint.message);
    if (!envKey) {
      throw new TargetError(
        'with --endpoint, the API key comes from CADENT_API_KEY, which is not set',
      );
    }
    return { endpoint: endpoint.url.toString(), apiKey: envKey, connection: null };
  }
  const only = store.connections.list();
  if (only.length === 1 && only[0]) return resolveTarget(store, { connection: only[0].name }, env);
  throw new TargetError('say where to upload: --connection NAME or --endpoint URL');
}

function quote(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : JSON.stringify(name);
}
