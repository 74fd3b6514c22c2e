import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAppLog } from '../../electron/app-log';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cadent-applog-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('the app log', () => {
  it('writes JSON lines with the module name and fields', () => {
    const log = createAppLog({ dir, now: () => new Date('2026-12-01T00:00:00Z') });
    log.logger('upload').info('upload finished', { uploadId: 'u1', accepted: 3 });
    log.logger('ipc').warn('refused a foreign sender');
    expect(lines(log.path)).toEqual([
      {
        time: '2026-12-01T00:00:00.000Z',
        level: 'info',
        module: 'upload',
        message: 'upload finished',
        uploadId: 'u1',
        accepted: 3,
      },
      expect.objectContaining({ level: 'warn', module: 'ipc' }),
    ]);
    if (process.platform !== 'win32') expect(statSync(log.path).mode & 0o077).toBe(0);
  });

  it('redacts secrets and api-key headers before writing', () => {
    const log = createAppLog({ dir, secrets: () => ['sk_live_secret_value'] });
    log.logger('client').error('request failed: sk_live_secret_value', {
      headers: 'x-api-key: another_key_1234',
    });
    const text = readFileSync(log.path, 'utf8');
    expect(text).not.toContain('sk_live_secret_value');
    expect(text).not.toContain('another_key_1234');
    expect(text).toContain('[REDACTED]');
  });

  it('rotates to one older file when full', () => {
    const log = createAppLog({ dir, maxBytes: 200 });
    const logger = log.logger('bulk');
    for (let i = 0; i < 20; i += 1) logger.info(`line ${i}`);
    expect(existsSync(join(dir, 'app.1.log'))).toBe(true);
    expect(statSync(log.path).size).toBeLessThan(400);
    expect(lines(log.path).at(-1)).toMatchObject({ message: 'line 19' });
  });
});
