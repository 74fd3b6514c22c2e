import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { runCli } from '../../../electron/cli/main';
import { readApiKey } from '../../../electron/keychain';
import { startSandbox } from '../../sandbox/server';

import type { Sandbox } from '../../sandbox/server';

const ROOT = resolve(__dirname, '../../..');
const CRM = resolve(ROOT, '../shared/data/crm-conversions.csv');
const SHOP = resolve(ROOT, '../shared/data/shopify-orders-export.csv');
const CRM_MAPPING = join(ROOT, 'test/fixtures/mappings/crm-conversions.json');
const SHOP_MAPPING = join(ROOT, 'test/fixtures/mappings/shopify-orders-export.json');
const NOW = '2026-12-01T00:00:00Z';

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ now: () => new Date(NOW) });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cadent-cli-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  sandbox.reset();
});

/** Runs one command line in this process with captured output. */
async function cli(
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const code = await runCli([...args, '--data-dir', dataDir], {
    stdout,
    stderr,
    stdin: Readable.from([options.stdin ?? '']),
    env: options.env ?? {},
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, out, err };
}

const withKey = () => ({ CADENT_API_KEY: sandbox.apiKey });

/** `upload` of the CRM sample to the sandbox with its fixed clock, plus `extra` options. */
const uploadCrm = (extra: string[] = []) => [
  'upload',
  CRM,
  '--mapping',
  CRM_MAPPING,
  '--dataset',
  'ds_crm',
  '--endpoint',
  sandbox.url,
  '--now',
  NOW,
  ...extra,
];

describe('cadent-uploader upload', () => {
  it('sends the CRM sample, reports rows without the match key, and logs every request', async () => {
    const result = await cli(uploadCrm(['--batch-size', '100']), { env: withKey() });
    expect(result.code).toBe(1);
    expect(result.err).toContain('accepted 192');
    expect(result.err).toContain('not sent (invalid here) 8');
    expect(result.err).toContain('rows 24, 47, 70, 93, 116, 139, 162, 185');
    expect(sandbox.storedEvents('ds_crm')).toHaveLength(192);

    const log = await cli(['log', '--json']);
    const entries = JSON.parse(log.out) as Array<{ method: string; status: number }>;
    expect(entries.map((e) => `${e.method} ${e.status}`).sort()).toEqual([
      'GET 200',
      'POST 200',
      'POST 200',
    ]);
    const text = await cli(['log']);
    expect(text.out.trim().split('\n')).toHaveLength(3);
  });

  it('sends the Shopify sample as one event per order', async () => {
    const result = await cli(
      [
        'upload',
        SHOP,
        '--mapping',
        SHOP_MAPPING,
        '--dataset',
        'ds_shop',
        '--endpoint',
        sandbox.url,
        '--now',
        NOW,
      ],
      { env: withKey() },
    );
    expect(result.err).toMatch(/rows 110 · events 60 · valid 54 · invalid 6/);
    expect(sandbox.storedEvents('ds_shop')).toHaveLength(54);
  });

  it('exits 0 when every row arrives, and the rejected export lists the rest', async () => {
    const first = await cli(uploadCrm(['--json']), { env: withKey() });
    const { upload } = JSON.parse(first.out) as { upload: { id: string } };
    const out = join(dataDir, 'rejected.csv');
    const exported = await cli(['rejected', upload.id, '--out', out]);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[1]).toMatch(/^24,this app,missing_match_key,/);
  });

  it('uses a saved connection: endpoint in the store, key in the OS keychain', async () => {
    const name = `cli-test-${process.pid}-${Date.now()}`;
    const saved = await cli(['key', 'set', '--connection', name, '--endpoint', sandbox.url], {
      stdin: `${sandbox.apiKey}\n`,
    });
    expect(saved.code).toBe(0);
    expect(saved.err).toContain(`••••${sandbox.apiKey.slice(-4)}`);
    try {
      expect(await readApiKey(name)).toBe(sandbox.apiKey);
      const listed = await cli(['connections']);
      expect(listed.out).toContain(name);
      expect(listed.out).not.toContain(sandbox.apiKey);
      const upload = await cli([
        'upload',
        SHOP,
        '--mapping',
        SHOP_MAPPING,
        '--dataset',
        'ds_shop',
        '--connection',
        name,
        '--now',
        NOW,
      ]);
      expect(upload.err).toContain('accepted 54');
    } finally {
      const deleted = await cli(['key', 'delete', '--connection', name]);
      expect(deleted.code).toBe(0);
    }
    expect(await readApiKey(name)).toBeNull();
  });

  it('dry-runs without sending', async () => {
    const result = await cli(uploadCrm(['--dry-run']), { env: withKey() });
    expect(result.err).toContain('192 event(s) would be sent; nothing was sent');
    expect(sandbox.storedEvents('ds_crm')).toHaveLength(0);
  });

  it('resumes an upload that stopped on a refused key, once the key is right', async () => {
    const first = await cli(uploadCrm(['--json']), { env: { CADENT_API_KEY: 'sk_wrong' } });
    const { upload } = JSON.parse(first.out) as { upload: { id: string; status: string } };
    expect(first.code).toBe(1);
    expect(upload.status).toBe('interrupted');
    const resumed = await cli(['upload', '--resume', upload.id, '--now', NOW], {
      env: withKey(),
    });
    expect(resumed.err).toContain(`upload ${upload.id}: completed`);
    expect(sandbox.storedEvents('ds_crm')).toHaveLength(192);
  });
});

describe('stopping and options', () => {
  it('stops an upload cleanly on Ctrl-C and says how to resume', async () => {
    const stop = new AbortController();
    stop.abort();
    const result = await cli(uploadCrm([]), { env: withKey(), signal: stop.signal });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/: cancelled/);
    expect(result.err).toMatch(/resume with: cadent-uploader upload --resume /);
  });

  it('takes --data-dir before the command too', async () => {
    const result = await cli(['--data-dir', dataDir, 'uploads']);
    expect(result.code).toBe(0);
  });

  it('says a mapping mistake before journaling an upload, with exit status 2', async () => {
    const result = await cli(
      ['upload', SHOP, '--mapping', CRM_MAPPING, '--dataset', 'ds_shop', '--endpoint', sandbox.url],
      { env: withKey() },
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/column "Email Address" is not in this file/);
    expect(result.err).not.toMatch(/resume/);
  });
});

describe('cadent-uploader inspect, mapping, preview', () => {
  it('inspects a file', async () => {
    const result = await cli(['inspect', CRM, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      encoding: 'utf-8',
      delimiter: 'comma',
      rows: 200,
      problems: [],
    });
  });

  it('suggests a mapping that preview accepts', async () => {
    const suggested = await cli(['mapping', 'suggest', SHOP]);
    expect(suggested.code).toBe(0);
    expect(suggested.err).toContain('split from "Billing Name"');
    const mapping = JSON.parse(suggested.out) as Record<string, unknown>;
    expect(mapping).toMatchObject({ groupBy: 'Name', eventId: { column: 'Name' } });
    const file = join(dataDir, 'mapping.json');
    writeFileSync(
      file,
      JSON.stringify({ ...mapping, conversionType: { constant: 'online_purchase' } }),
    );
    const preview = await cli([
      'preview',
      SHOP,
      '--mapping',
      file,
      '--limit',
      '3',
      '--match-key',
      'em',
      '--now',
      NOW,
    ]);
    expect(preview.code).toBe(0);
    const events = preview.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((event) => event.event_id)).toEqual(['#1001', '#1002', '#1003']);
    expect(preview.err).toContain('identity coverage');
  });

  it('traces raw → normalized → hashed', async () => {
    const result = await cli([
      'preview',
      CRM,
      '--mapping',
      CRM_MAPPING,
      '--limit',
      '1',
      '--trace',
      '--now',
      NOW,
    ]);
    const line = JSON.parse(result.out.trim()) as { trace: Array<Record<string, string>> };
    expect(line.trace.find((t) => t.field === 'st')).toMatchObject({
      raw: 'Missouri',
      normalized: 'mo',
      status: 'hashed',
    });
  });
});

describe('mistakes get one clear line', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['unknown option', ['inspect', CRM, '--colour'], /inspect: Unknown option '--colour'/],
    ['missing file', ['inspect', '/nonexistent/orders.csv'], /orders\.csv/],
    ['missing mapping', ['preview', CRM], /--mapping FILE is required/],
    [
      'no target',
      ['upload', CRM, '--mapping', CRM_MAPPING, '--dataset', 'ds_crm'],
      /--connection NAME or --endpoint URL/,
    ],
    [
      'plain http elsewhere',
      [
        'upload',
        CRM,
        '--mapping',
        CRM_MAPPING,
        '--dataset',
        'x',
        '--endpoint',
        'http://cadent.example.com',
      ],
      /must use https/,
    ],
    ['bad batch size', ['upload', CRM, '--batch-size', '5000'], /--batch-size must be/],
  ];
  it.each(cases)('%s', async (_name, args, expected) => {
    const result = await cli(args, { env: withKey() });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(expected);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('names the file and what is wrong in a bad mapping', async () => {
    const bad = join(dataDir, 'bad.json');
    writeFileSync(bad, '{"version": 1, "identity": {"em": {"source": {}}}}');
    const result = await cli(['preview', CRM, '--mapping', bad]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/mapping bad\.json is not a valid mapping: identity\.em/);
    writeFileSync(bad, '{"version": 1,');
    expect((await cli(['preview', CRM, '--mapping', bad])).err).toMatch(/not valid JSON/);
  });

  it('refuses empty and binary files', async () => {
    const empty = join(dataDir, 'empty.csv');
    writeFileSync(empty, '');
    expect((await cli(['inspect', empty])).err).toMatch(/empty\.csv/);
    const zip = join(dataDir, 'orders.xlsx');
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]));
    const result = await cli(['inspect', zip]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/orders\.xlsx/);
  });
});

describe('the installed command', () => {
  it('runs from bin/ straight after npm ci', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [
      join(ROOT, 'bin/cadent-uploader.mjs'),
      '--help',
    ]);
    expect(stdout).toContain('cadent-uploader upload FILE --mapping M --dataset D');
  });
});
