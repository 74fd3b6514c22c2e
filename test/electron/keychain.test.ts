import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  apiKeyFromEnvironment,
  deleteApiKey,
  KeychainError,
  keyHint,
  normalizeApiKey,
  readApiKey,
  saveApiKey,
} from '../../electron/keychain';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const skipKeychain = process.env.CADENT_SKIP_KEYCHAIN_TESTS === '1';

describe('normalizeApiKey', () => {
  it('takes a key as it is, or without the newline a pipe or a paste leaves', () => {
    expect(normalizeApiKey('sk_live_1234abcd')).toBe('sk_live_1234abcd');
    expect(normalizeApiKey('sk_live_1234abcd\n')).toBe('sk_live_1234abcd');
    expect(normalizeApiKey('  sk_live_1234abcd\r\n')).toBe('sk_live_1234abcd');
  });

  it.each([
    ['an empty key', '', /empty/],
    ['a blank key', ' \n', /empty/],
    ['a key with a space', 'sk_live 1234abcd', /contains whitespace/],
    ['a key split over lines', 'sk_live_1234\nabcd', /contains whitespace/],
    ['a key with quotes', 'sk_live_"1234abcd"', /characters an API key never has/],
    ['a key with a backslash', 'sk_live_1234abcd\\', /characters an API key never has/],
    ['a key with non-ASCII letters', 'sk_live_1234abcdé', /characters an API key never has/],
    ['a key of six characters', 'abc123', /too short/],
    ['a key of 5000 characters', 'k'.repeat(5000), /too long/],
  ])('refuses %s', (_label, input, message) => {
    expect(() => normalizeApiKey(input)).toThrow(KeychainError);
    expect(() => normalizeApiKey(input)).toThrow(message);
  });
});

describe('keyHint', () => {
  it('shows only the last four characters of the key', () => {
    expect(keyHint('sk_live_12341a2b')).toBe('••••1a2b');
    expect(keyHint('sk_live_12341a2b\n')).toBe('••••1a2b');
  });
});

describe('apiKeyFromEnvironment', () => {
  it('reads CADENT_API_KEY, without a trailing newline', () => {
    expect(apiKeyFromEnvironment({ CADENT_API_KEY: 'sk_live_1234abcd\n' })).toBe(
      'sk_live_1234abcd',
    );
  });

  it('gives null when it is unset or blank', () => {
    expect(apiKeyFromEnvironment({})).toBeNull();
    expect(apiKeyFromEnvironment({ CADENT_API_KEY: '' })).toBeNull();
    expect(apiKeyFromEnvironment({ CADENT_API_KEY: '  ' })).toBeNull();
  });

  it('refuses a value that cannot be a key, naming the variable', () => {
    expect(() => apiKeyFromEnvironment({ CADENT_API_KEY: 'two words here' })).toThrow(
      'CADENT_API_KEY is set but the API key contains whitespace; paste it on one line.',
    );
  });
});

describe('connection names', () => {
  it.each([[''], [' Acme'], ['Ac\nme']])(
    'refuses %j before reaching the keychain',
    async (name) => {
      await expect(readApiKey(name)).rejects.toMatchObject({ code: 'invalid-connection' });
      await expect(saveApiKey(name, 'sk_live_1234abcd')).rejects.toThrow(/Invalid connection name/);
      await expect(deleteApiKey(name)).rejects.toBeInstanceOf(KeychainError);
    },
  );
});

describe.skipIf(skipKeychain)('the OS keychain (the real Secret Service)', () => {
  const run = `cadent-test-${process.pid}-${randomUUID()}`;
  const used = new Set<string>();

  function connection(label: string): string {
    const name = `${run} ${label}`;
    used.add(name);
    return name;
  }

  beforeAll(() => {
    if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
      throw new Error(
        'The keychain tests need a Secret Service and there is no D-Bus session. Run them with ' +
          '`npm test`, which starts a private D-Bus session with gnome-keyring, or set ' +
          'CADENT_SKIP_KEYCHAIN_TESTS=1 to skip them.',
      );
    }
  });

  afterAll(async () => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS && process.platform === 'linux') return;
    for (const name of used) await deleteApiKey(name);
  });

  it('saves, reads and deletes a key', async () => {
    const name = connection('Acme');

    await saveApiKey(name, 'sk_live_1234abcd\n');

    expect(await readApiKey(name)).toBe('sk_live_1234abcd');
    expect(await deleteApiKey(name)).toBe(true);
    expect(await readApiKey(name)).toBeNull();
  });

  it('replaces the key saved before', async () => {
    const name = connection('Globex');
    await saveApiKey(name, 'sk_live_oldoldold');

    await saveApiKey(name, 'sk_live_newnewnew');

    expect(await readApiKey(name)).toBe('sk_live_newnewnew');
  });

  it('keeps one key per connection', async () => {
    const first = connection('agency client 1');
    const second = connection('agency client 2 — Zürich');
    await saveApiKey(first, 'sk_live_first111');
    await saveApiKey(second, 'sk_live_second22');

    await deleteApiKey(first);

    expect(await readApiKey(first)).toBeNull();
    expect(await readApiKey(second)).toBe('sk_live_second22');
  });

  it('reads null and deletes false when nothing was saved', async () => {
    const name = connection('never saved');

    expect(await readApiKey(name)).toBeNull();
    expect(await deleteApiKey(name)).toBe(false);
  });

  it('refuses an invalid key without saving anything', async () => {
    const name = connection('bad key');

    await expect(saveApiKey(name, 'sk live 1234')).rejects.toMatchObject({ code: 'invalid-key' });
    expect(await readApiKey(name)).toBeNull();
  });
});

describe.runIf(process.platform === 'linux')('without a Secret Service', () => {
  it('says that no keychain is available and what to do instead', async () => {
    const result = await runInChild(
      `import { readApiKey } from ${JSON.stringify(path.join(repoRoot, 'electron', 'keychain.ts'))};
       readApiKey('Acme').then(
         (key) => console.log(JSON.stringify({ key })),
         (error) => console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message })),
       );`,
      // A bus address where nothing listens: what a machine without a desktop session has.
      { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(os.tmpdir(), `no-bus-${randomUUID()}`)}` },
    );

    expect(result).toEqual({
      name: 'KeychainError',
      code: 'unavailable',
      message:
        'No OS keychain is available (Secret Service over D-Bus). On a headless machine set ' +
        'CADENT_API_KEY instead.',
    });
  });
});

/** Runs a module in a fresh Node process (libsecret keeps its bus for the life of a process). */
async function runInChild(source: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadent-keychain-test-'));
  const script = path.join(dir, 'child.ts');
  fs.writeFileSync(script, source);
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repoRoot,
      env: { ...process.env, DISPLAY: '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await new Promise((resolve) => child.once('exit', resolve));
    return JSON.parse(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
