import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { sha256Hex } from '../../../electron/pipeline/sha256';
import { openStore } from '../../../electron/store';
import { exportRejectedRows } from '../../../electron/upload/rejected-export';
import { resumeUpload, startUpload } from '../../../electron/upload/upload-job';
import { parseMapping } from '../../../shared/mapping';
import { normalizeField } from '../../../shared/normalize';
import { startSandbox } from '../../sandbox/server';

import type { Store } from '../../../electron/store';
import type { StartUploadOptions } from '../../../electron/upload/upload-job';
import type { Mapping } from '../../../shared/mapping';
import type { Sandbox } from '../../sandbox/server';

const NOW = new Date('2026-12-01T00:00:00Z');
const DATA = resolve(__dirname, '../../../../shared/data');
const CRM = join(DATA, 'crm-conversions.csv');
const SHOP = join(DATA, 'shopify-orders-export.csv');
const FIXTURES = resolve(__dirname, '../../fixtures/mappings');

let sandbox: Sandbox;
let dataDir: string;
let store: Store;

beforeAll(async () => {
  sandbox = await startSandbox({ now: () => NOW });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cadent-upload-'));
  store = openStore({ dataDir, now: () => NOW });
});
afterEach(() => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
  sandbox.reset();
  sandbox.setNow(NOW);
});

function fixture(name: string): Mapping {
  const parsed = parseMapping(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.mapping;
}

function options(overrides: Partial<StartUploadOptions> = {}): StartUploadOptions {
  return {
    store,
    filePath: CRM,
    mapping: fixture('crm-conversions.json'),
    datasetId: 'ds_crm',
    endpoint: sandbox.url,
    apiKey: sandbox.apiKey,
    connection: null,
    batchSize: 1000,
    concurrency: 2,
    validationTime: NOW,
    client: { retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 } },
    ...overrides,
  };
}

function csvRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

function stored(
  datasetId: string,
): Array<{ event_id: string; user: Record<string, string>; event_time?: string }> {
  return sandbox.storedEvents(datasetId) as never;
}

describe('an upload of the CRM sample', () => {
  it('sends every row with an email, each identity value the hash of its normalized form', async () => {
    const outcome = await startUpload(options({ batchSize: 50 }));
    expect(outcome.upload).toMatchObject({
      status: 'completed',
      accepted: 192,
      invalid: 8,
      rejected: 0,
      duplicates: 0,
    });

    const rows = csvRows(CRM);
    const withEmail = rows.filter((row) => (row['Email Address'] ?? '').trim() !== '');
    const events = stored('ds_crm');
    expect(events).toHaveLength(withEmail.length);
    const byId = new Map(events.map((event) => [event.event_id, event]));
    const today = NOW.toISOString().slice(0, 10);
    for (const row of withEmail) {
      const event = byId.get(row['Order ID'] ?? '');
      expect(event, `order ${row['Order ID']}`).toBeDefined();
      const email = normalizeField(
        'em',
        row['Email Address'],
        {},
        {
          foldAccents: false,
          externalIdLowercase: false,
          acceptNonBinaryGender: false,
          postcodePrefixLength: null,
          dayMonthOrder: 'month-first',
          today,
        },
      );
      expect(email.kind).toBe('value');
      if (email.kind === 'value') expect(event?.user.em).toBe(sha256Hex(email.normalized));
      expect(event?.user['external-id']).toBe(sha256Hex((row['Customer ID'] ?? '').trim()));
    }

    // Rows without the match key are journaled with their row numbers, never sent.
    const problems = store.rowProblems.list(outcome.upload.id);
    expect(problems.map((p) => p.row)).toEqual([24, 47, 70, 93, 116, 139, 162, 185]);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['missing_match_key']));
    const missing = new Set(
      rows.filter((r) => !(r['Email Address'] ?? '').trim()).map((r) => r['Order ID']),
    );
    expect(events.some((event) => missing.has(event.event_id))).toBe(false);
  });

  it('logs every request with its batch, and never the API key', async () => {
    const outcome = await startUpload(options({ batchSize: 50 }));
    const log = store.requestLog.query({ uploadId: outcome.upload.id });
    expect(log.map((entry) => entry.method).sort()).toEqual([
      'GET',
      'POST',
      'POST',
      'POST',
      'POST',
    ]);
    expect(
      log
        .filter((e) => e.method === 'POST')
        .map((e) => e.batchSeq)
        .sort(),
    ).toEqual([0, 1, 2, 3]);
    store.close();
    const bytes = readFileSync(join(dataDir, 'cadent-uploader.sqlite'));
    expect(bytes.includes(Buffer.from(sandbox.apiKey))).toBe(false);
    // No raw email reaches the database either: only hashes were sent and logged.
    expect(bytes.includes(Buffer.from('dmitri.fischer1@example.com'))).toBe(false);
    store = openStore({ dataDir, now: () => NOW });
  });

  it('retries transient failures and records each attempt', async () => {
    sandbox.setFaults({ failFirst: 2 });
    const outcome = await startUpload(options({ concurrency: 1 }));
    expect(outcome.upload.status).toBe('completed');
    const posts = store.requestLog
      .query({ uploadId: outcome.upload.id })
      .filter((entry) => entry.method === 'POST');
    expect(posts.map((p) => [p.attempt, p.status]).reverse()).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
  });
});

describe('the Shopify sample', () => {
  it('sends one event per order with names split and UTC offsets honoured', async () => {
    const outcome = await startUpload(
      options({
        filePath: SHOP,
        datasetId: 'ds_shop',
        mapping: fixture('shopify-orders-export.json'),
      }),
    );
    const rows = csvRows(SHOP);
    const orders = new Map<string, Record<string, string>>();
    for (const row of rows) if (!orders.has(row.Name ?? '')) orders.set(row.Name ?? '', row);
    const withEmail = [...orders.values()].filter((row) => (row.Email ?? '').trim() !== '');
    expect(outcome.upload).toMatchObject({
      status: 'completed',
      accepted: withEmail.length,
      invalid: orders.size - withEmail.length,
    });

    const byId = new Map(stored('ds_shop').map((event) => [event.event_id, event]));
    expect(byId.size).toBe(withEmail.length);
    const first = byId.get('#1001');
    expect(first?.event_time).toBe('2026-10-21T23:48:28Z');
    expect(first?.user.fn).toBe(sha256Hex('hana'));
    expect(first?.user.ln).toBe(sha256Hex('dupont'));
    expect(first?.user.zp).toBe(sha256Hex('97201'));
    expect(first?.user.st).toBe(sha256Hex('or'));
    const accented = [...byId.values()].find((e) => e.event_id === '#1003');
    expect(accented?.user.fn).toBe(sha256Hex('léa'));
  });
});

describe('resuming', () => {
  it('goes on after a failure without resending confirmed batches', async () => {
    let failed = false;
    const first = await startUpload(
      options({
        batchSize: 40,
        concurrency: 1,
        onProgress: (progress) => {
          if (!failed && progress.batchesConfirmed === 2) {
            failed = true;
            sandbox.setFaults({ serverErrorRate: 1 });
          }
        },
      }),
    );
    expect(first.upload.status).toBe('interrupted');
    expect(first.upload.error).toMatch(/unavailable|internal error|gateway/i);
    const storedBefore = stored('ds_crm').length;
    expect(storedBefore).toBe(80);

    sandbox.setFaults({ serverErrorRate: 0 });
    const postsBefore = sandbox.requests.filter(
      (r) => r.method === 'POST' && r.status === 200,
    ).length;
    const resumed = await resumeUpload({ ...options(), uploadId: first.upload.id });
    expect(resumed.upload).toMatchObject({
      status: 'completed',
      accepted: 192,
      invalid: 8,
      duplicates: 0,
    });
    expect(resumed.batchesSkipped).toBe(2);
    expect(stored('ds_crm')).toHaveLength(192);
    const postsAfter = sandbox.requests.filter(
      (r) => r.method === 'POST' && r.status === 200,
    ).length;
    expect(postsAfter - postsBefore).toBe(3);
    // Local problems are not doubled by the second pass.
    expect(store.rowProblems.count(first.upload.id, 'local')).toBe(8);
  });

  it('stops gently on a cancel and goes on from there', async () => {
    const abort = new AbortController();
    const first = await startUpload(
      options({
        batchSize: 40,
        concurrency: 2,
        signal: abort.signal,
        onProgress: (progress) => {
          if (progress.batchesConfirmed === 1) abort.abort();
        },
      }),
    );
    expect(first.upload.status).toBe('cancelled');
    // Batches in flight at the cancel were seen through: the counts are what Cadent holds.
    expect(first.upload.accepted).toBe(stored('ds_crm').length);
    const resumed = await resumeUpload({ ...options(), uploadId: first.upload.id });
    expect(resumed.upload.status).toBe('completed');
    expect(resumed.upload.accepted + resumed.upload.duplicates).toBe(192);
    expect(stored('ds_crm')).toHaveLength(192);
  });

  it('checks event times against the time the upload started, on resume too', async () => {
    // Every 10th row is from early September: inside Cadent's 90 days on 1 December, outside
    // them a few days later, when the resume runs.
    const file = join(dataDir, 'boundary.csv');
    const lines = ['Email,Event Time,Order ID'];
    for (let i = 0; i < 100; i += 1) {
      const time = i % 10 === 0 ? '2026-09-03 12:00' : '2026-11-20 12:00';
      lines.push(`user${i}@example.com,${time},ord-${i}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const mapping = parseMapping({
      version: 1,
      eventId: { column: 'Order ID' },
      eventName: { constant: 'Purchase' },
      conversionType: { constant: 'online_purchase' },
      eventTime: { column: 'Event Time', timeZone: 'UTC' },
      identity: { em: { source: { column: 'Email' } } },
    });
    if (!mapping.ok) throw new Error('mapping');
    const abort = new AbortController();
    const first = await startUpload(
      options({
        filePath: file,
        mapping: mapping.mapping,
        batchSize: 10,
        concurrency: 1,
        signal: abort.signal,
        onProgress: (progress) => {
          if (progress.batchesConfirmed === 3) abort.abort();
        },
      }),
    );
    expect(first.upload.status).toBe('cancelled');

    sandbox.setNow(new Date('2026-12-04T00:00:00Z'));
    const resumed = await resumeUpload({
      ...options({ filePath: file }),
      uploadId: first.upload.id,
    });
    expect(resumed.upload.status).toBe('completed');
    expect(resumed.upload.invalid).toBe(0);
    // What the sandbox now refuses as too old is rejected by Cadent, row by row: not lost.
    expect(resumed.upload.accepted + resumed.upload.duplicates + resumed.upload.rejected).toBe(100);
    const ids = new Set(stored('ds_crm').map((event) => event.event_id));
    const rejected = store.rowProblems.list(first.upload.id).filter((p) => p.source === 'cadent');
    expect(ids.size + rejected.length).toBe(100);
  });

  it('refuses to skip a confirmed batch that no longer covers the same rows', async () => {
    const abort = new AbortController();
    const first = await startUpload(
      options({
        batchSize: 40,
        concurrency: 1,
        signal: abort.signal,
        onProgress: (progress) => {
          if (progress.batchesConfirmed === 2) abort.abort();
        },
      }),
    );
    store.close();
    const db = new Database(join(dataDir, 'cadent-uploader.sqlite'));
    db.prepare('UPDATE batches SET last_row = last_row + 1 WHERE seq = 0').run();
    db.close();
    store = openStore({ dataDir, now: () => NOW });
    const resumed = await resumeUpload({ ...options(), uploadId: first.upload.id });
    expect(resumed.upload.status).toBe('failed');
    expect(resumed.upload.error).toMatch(/no longer covers the rows/);
  });

  it('exports rejected rows only from the file the upload read', async () => {
    const copy = join(dataDir, 'copy.csv');
    copyFileSync(CRM, copy);
    const outcome = await startUpload(options({ filePath: copy }));
    const out = join(dataDir, 'rejected.csv');
    await expect(exportRejectedRows(store, outcome.upload.id, out)).resolves.toMatchObject({
      rows: 8,
    });
    writeFileSync(copy, 'Email Address\nother@example.com\n');
    await expect(exportRejectedRows(store, outcome.upload.id, out)).rejects.toThrow(
      /not the file upload/,
    );
  });

  it('refuses to resume an upload another live process is running', async () => {
    const outcome = await startUpload(options());
    store.uploads.update(outcome.upload.id, { status: 'running' });
    await expect(resumeUpload({ ...options(), uploadId: outcome.upload.id })).rejects.toThrow(
      /running in another process/,
    );
  });

  it('refuses a file whose content changed', async () => {
    const copy = join(dataDir, 'copy.csv');
    copyFileSync(CRM, copy);
    sandbox.setFaults({ serverErrorRate: 1 });
    const first = await startUpload(options({ filePath: copy }));
    expect(first.upload.status).toBe('interrupted');
    writeFileSync(copy, `${readFileSync(copy, 'utf8')}extra@example.com,,,,,,,,,,,,,,,\n`);
    sandbox.setFaults({ serverErrorRate: 0 });
    await expect(
      resumeUpload({ ...options({ filePath: copy }), uploadId: first.upload.id }),
    ).rejects.toThrow(/not the file upload .* started with/);
  });
});

describe('refusals', () => {
  it('stops with a clear message on a wrong API key and sends nothing', async () => {
    const outcome = await startUpload(options({ apiKey: 'sk_wrong_key' }));
    expect(outcome.upload.status).toBe('interrupted');
    expect(outcome.upload.error).toMatch(/API key was refused \(401\)/);
    expect(stored('ds_crm')).toHaveLength(0);
    const log = store.requestLog.query({ uploadId: outcome.upload.id });
    expect(log).toHaveLength(1);
  });

  it('holds back an event too large for any request and sends the rest', async () => {
    // 2.2 million backslashes are 4.4 MiB once escaped in JSON.
    const file = join(dataDir, 'huge-cell.csv');
    writeFileSync(
      file,
      `Email,Note\na@example.com,short\nb@example.com,${'\\'.repeat(2_200_000)}\n`,
    );
    const mapping = parseMapping({
      version: 1,
      eventName: { constant: 'Purchase' },
      conversionType: { constant: 'online_purchase' },
      identity: { em: { source: { column: 'Email' } } },
      eventProperties: [{ column: 'Note', name: 'note' }],
    });
    if (!mapping.ok) throw new Error('mapping');
    const outcome = await startUpload(options({ filePath: file, mapping: mapping.mapping }));
    expect(outcome.upload).toMatchObject({ status: 'completed', accepted: 1, invalid: 1 });
    expect(store.rowProblems.list(outcome.upload.id)).toEqual([
      expect.objectContaining({ row: 3, code: 'event_too_large' }),
    ]);
  });

  it('refuses a mapping that does not fit the file before anything is journaled', async () => {
    const mapping = fixture('crm-conversions.json');
    await expect(startUpload(options({ filePath: SHOP, mapping }))).rejects.toThrow(
      /column "Email Address" is not in this file/,
    );
    expect(store.uploads.list()).toEqual([]);
  });

  it('fails for good on a dataset that does not exist', async () => {
    const outcome = await startUpload(options({ datasetId: 'ds_nope' }));
    expect(outcome.upload.status).toBe('failed');
    expect(outcome.upload.error).toMatch(/no such dataset/);
  });
});
