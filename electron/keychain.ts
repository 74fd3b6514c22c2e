import { connectionNameSchema } from './store/validation';

import type * as KeytarModule from 'keytar';

/** The keychain entry's service; its account is the connection's name. */
export const KEYCHAIN_SERVICE = 'Cadent Uploader';

/** The environment variable that carries the key on a machine without a keychain. */
export const API_KEY_ENV = 'CADENT_API_KEY';

/**
 * 'unavailable': no keychain could be reached; 'locked': it is there but stayed locked;
 * 'failed': it refused for another reason; 'invalid-key', 'invalid-connection': bad input.
 */
export type KeychainErrorCode =
  'unavailable' | 'locked' | 'failed' | 'invalid-key' | 'invalid-connection';

/** A keychain failure said in words a user can act on; the library's own error is the cause. */
export class KeychainError extends Error {
  override readonly name = 'KeychainError';

  constructor(
    readonly code: KeychainErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Saves the API key of `connection` in the OS keychain, replacing any saved before. */
export async function saveApiKey(connection: string, key: string): Promise<void> {
  const account = checkConnection(connection);
  const password = normalizeApiKey(key);
  await withKeychain('save', account, (keytar) =>
    keytar.setPassword(KEYCHAIN_SERVICE, account, password),
  );
}

/** The API key saved for `connection`, or null when none is. */
export async function readApiKey(connection: string): Promise<string | null> {
  const account = checkConnection(connection);
  return withKeychain('read', account, (keytar) => keytar.getPassword(KEYCHAIN_SERVICE, account));
}

/** Removes the API key of `connection`; false when there was none. */
export async function deleteApiKey(connection: string): Promise<boolean> {
  const account = checkConnection(connection);
  return withKeychain('delete', account, (keytar) =>
    keytar.deletePassword(KEYCHAIN_SERVICE, account),
  );
}

/** What the UI shows instead of the key: "••••" and its last four characters. */
export function keyHint(key: string): string {
  return `••••${normalizeApiKey(key).slice(-4)}`;
}

/** The key in CADENT_API_KEY for headless runs, or null when it is unset or blank. */
export function apiKeyFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[API_KEY_ENV];
  if (value === undefined || value.trim() === '') return null;

  try {
    return normalizeApiKey(value);
  } catch (error) {
    throw new KeychainError(
      'invalid-key',
      `${API_KEY_ENV} is set but ${lowerFirst(message(error))}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * The key as it will be sent: surrounding whitespace removed (a key piped from stdin or pasted
 * ends with a newline), anything else that cannot be a key refused with the reason.
 */
export function normalizeApiKey(input: string): string {
  const key = input.trim();
  if (key === '') throw invalidKey('The API key is empty.');
  if (/\s/u.test(key)) throw invalidKey('The API key contains whitespace; paste it on one line.');
  // Quotes and backslashes are refused too: the log redacts keys by finding where they end.
  if (!/^[!#-&(-[\]-~]+$/u.test(key)) {
    throw invalidKey(
      'The API key contains characters an API key never has (only printable ASCII, ' +
        'without quotes or backslashes).',
    );
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw invalidKey(`The API key is too short (${key.length} characters) to be a Cadent key.`);
  }
  if (key.length > MAX_KEY_LENGTH) throw invalidKey('The API key is too long to be a Cadent key.');
  return key;
}

// Below 8 characters the hint's last four would give away half of the key.
const MIN_KEY_LENGTH = 8;
const MAX_KEY_LENGTH = 4096;

type Keytar = Pick<typeof KeytarModule, 'getPassword' | 'setPassword' | 'deletePassword'>;

let keytarLoading: Promise<Keytar> | undefined;

/**
 * Loads keytar on first use rather than at import: its native module links against libsecret,
 * and a machine without it must still run everything that needs no keychain.
 */
function loadKeytar(): Promise<Keytar> {
  keytarLoading ??= import('keytar').then(
    (module: Keytar & { default?: Keytar }) => module.default ?? module,
    (error: unknown) => {
      keytarLoading = undefined;
      throw new KeychainError(
        'unavailable',
        `${noKeychainMessage()} (The keychain library could not be loaded: ${message(error)})`,
        { cause: error },
      );
    },
  );
  return keytarLoading;
}

type Action = 'save' | 'read' | 'delete';

async function withKeychain<T>(
  action: Action,
  account: string,
  use: (keytar: Keytar) => Promise<T>,
): Promise<T> {
  const keytar = await loadKeytar();
  try {
    return await use(keytar);
  } catch (error) {
    throw translate(error, action, account);
  }
}

/** keytar passes on libsecret's and D-Bus's messages; these say what the user can do. */
function translate(error: unknown, action: Action, account: string): KeychainError {
  const detail = message(error);
  if (UNREACHABLE.some((pattern) => pattern.test(detail))) {
    return new KeychainError('unavailable', noKeychainMessage(), { cause: error });
  }
  if (LOCKED.some((pattern) => pattern.test(detail))) {
    return new KeychainError(
      'locked',
      `The OS keychain is locked and was not unlocked, so the API key for "${account}" could ` +
        `not be ${PAST[action]}. Unlock it, or on a headless machine set ${API_KEY_ENV} instead.`,
      { cause: error },
    );
  }
  return new KeychainError(
    'failed',
    `The OS keychain refused to ${action} the API key for "${account}": ${detail}`,
    { cause: error },
  );
}

// No session bus, no Secret Service on it, or a bus that went away.
const UNREACHABLE = [
  /autolaunch D-Bus/i,
  /Could not connect/i,
  /DBUS_SESSION_BUS_ADDRESS/i,
  /org\.freedesktop\.DBus\.Error\.(ServiceUnknown|NoReply|Disconnected|Spawn)/i,
  /org\.freedesktop\.secrets was not provided/i,
  /Connection is closed/i,
];

// gnome-keyring without an unlocked default collection, or an unlock prompt that could not be
// shown or was dismissed.
const LOCKED = [
  /collection\/login/i,
  /locked collection/i,
  /Cannot create an item in a locked/i,
  /prompt/i,
  /dismissed/i,
];

const PAST: Record<Action, string> = { save: 'saved', read: 'read', delete: 'deleted' };

function noKeychainMessage(): string {
  switch (process.platform) {
    case 'darwin':
      return `No OS keychain is available (macOS Keychain). On a headless machine set ${API_KEY_ENV} instead.`;
    case 'win32':
      return `No OS keychain is available (Windows Credential Manager). On a headless machine set ${API_KEY_ENV} instead.`;
    default:
      return `No OS keychain is available (Secret Service over D-Bus). On a headless machine set ${API_KEY_ENV} instead.`;
  }
}

function checkConnection(connection: string): string {
  const result = connectionNameSchema.safeParse(connection);
  if (result.success) return result.data;

  const reason = result.error.issues.map((issue) => issue.message).join('; ');
  throw new KeychainError('invalid-connection', `Invalid connection name: ${reason}.`, {
    cause: result.error,
  });
}

function invalidKey(text: string): KeychainError {
  return new KeychainError('invalid-key', text);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
