import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createIpcHandlers, dispatchIpc } from '../../../electron/ipc/handlers';
import { readApiKey } from '../../../electron/keychain';
import { openStore } from '../../../electron/store';
import { IPC_METHOD_NAMES } from '../../../shared/ipc-api';
import { parseMapping } from '../../../shared/mapping';
import { startSandbox } from '../../sandbox/server';

import type { IpcHandlers } from '../../../electron/ipc/types';
import type { Store } from '../../../electron/store';
import type { ProgressMessage, Result } from '../../../shared/ipc-api';
import type { Mapping } from '../../../shared/mapping';
import type { Sandbox } from '../../sandbox/server';

const NOW = new Date('2026-12-01T00:00:00Z');
const ROOT = resolve(__dirname, '../../..');
const CRM = resolve(ROOT, '../shared/data/crm-conversions.csv');

let sandbox: Sandbox;
let dataDir: string;
let store: Store;
let handlers: IpcHandlers;
let progress: ProgressMessage[];
let savePaths: Array<string | null>;
let finished: Array<{ ok: boolean; title: string }>;
const connection = `ipc-test-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  sandbox = await startSandbox({ now: () => NOW });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cadent-ipc-'));
  store = openStore({ dataDir, now: () => NOW });
  progress = [];
  savePaths = [];
  finished = [];
  handlers = createIpcHandlers({
    store,
    dataDir,
    version: '0.0.0-test',
    platform: 'linux',
    chooseFile: async () => CRM,
    chooseSavePath: async () => savePaths.shift() ?? null,
    sendProgress: (message) => progress.push(message),
    onUploadFinished: (result) => finished.push(result),
    now: () => NOW,
    client: { retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 } },
  });
});
afterEach(async () => {
  await dispatchIpc(handlers, 'removeConnection', { name: connection });
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
  sandbox.reset();
});

const call = (method: string, args?: unknown): Promise<Result<unknown>> =>
  dispatchIpc(handlers, method, args);

async function value<T>(method: string, args?: unknown): Promise<T> {
  const result = await call(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function crmMapping(): Mapping {
  const json = readFileSync(join(ROOT, 'test/fixtures/mappings/crm-conversions.json'), 'utf8');
  const parsed = parseMapping(JSON.parse(json));
  if (!parsed.ok) throw new Error('fixture');
  return parsed.mapping;
}

describe('dispatchIpc', () => {
  it('has a handler for every method of the table', () => {
    expect(Object.keys(handlers).sort()).toEqual([...IPC_METHOD_NAMES].sort());
  });

  it('refuses unknown methods and invalid arguments with an envelope', async () => {
    expect(await call('deleteEverything')).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await call('__proto__')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call('saveConnection', { endpoint: 'https://x.example' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/^Name: is required/) },
    });
    expect(
      await call('saveConnection', { name: 'a', endpoint: 'https://x.example', extra: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await call('getLogEntry', { id: 'one' })).toMatchObject({ ok: false });
    expect(await call('listConnections', { sneaky: true })).toMatchObject({ ok: false });
  });

  it('turns thrown errors into messages, never stacks', async () => {
    const result = await call('openFile', { path: '/nonexistent/orders.csv' });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) {
      expect(result.error.message).toMatch(/orders\.csv/);
      expect(result.error.message).not.toMatch(/\n\s+at /);
    }
  });
});

describe('connections', () => {
  it('keeps the key in the keychain and shows only its hint', async () => {
    const saved = await value<{ keyHint: string }>('saveConnection', {
      name: connection,
      endpoint: sandbox.url,
      apiKey: sandbox.apiKey,
    });
    expect(saved.keyHint).toBe(`••••${sandbox.apiKey.slice(-4)}`);
    expect(JSON.stringify(await value('listConnections'))).not.toContain(sandbox.apiKey);
    expect(await readApiKey(connection)).toBe(sandbox.apiKey);

    const dataset = await value('testConnection', { name: connection, datasetId: 'ds_crm' });
    expect(dataset).toMatchObject({ name: 'CRM conversions', match_key: 'em' });
    const missing = await call('testConnection', { name: connection, datasetId: 'ds_nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'dataset_not_found' } });
  });

  it('says exactly what went wrong with a wrong key', async () => {
    await value('saveConnection', { name: connection, endpoint: sandbox.url, apiKey: 'sk_wrong' });
    const result = await call('testConnection', { name: connection, datasetId: 'ds_crm' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringMatching(/API key was refused/) },
    });
  });

  it('refuses plain http to another machine and a new connection without a key', async () => {
    expect(
      await call('saveConnection', { name: connection, endpoint: 'http://cadent.example' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_endpoint' } });
    expect(await call('saveConnection', { name: connection, endpoint: sandbox.url })).toMatchObject(
      { ok: false, error: { message: expect.stringMatching(/API key/) } },
    );
  });
});

describe('a file through preview, check and upload', () => {
  it('runs the whole flow against the sandbox', async () => {
    await value('saveConnection', {
      name: connection,
      endpoint: sandbox.url,
      apiKey: sandbox.apiKey,
    });
    const file = await value<{ headers: string[]; rowCountExact: boolean }>('openFile', {
      path: CRM,
    });
    expect(file.headers).toContain('Email Address');

    const suggestion = await value<{ mapping: Mapping; saved: Mapping | null }>('suggestMapping', {
      path: CRM,
    });
    expect(suggestion.saved).toBeNull();
    const mapping = { ...suggestion.mapping, conversionType: { constant: 'offline_purchase' } };
    await value('saveMapping', { headers: file.headers, mapping });
    const again = await value<{ saved: Mapping | null }>('suggestMapping', { path: CRM });
    expect(again.saved).toMatchObject({ conversionType: { constant: 'offline_purchase' } });

    const events = await value<Array<{ event: unknown; trace: unknown[] }>>('previewEvents', {
      path: CRM,
      mapping,
      matchKey: 'em',
      limit: 5,
    });
    expect(events).toHaveLength(5);
    expect(events[0]?.trace.length).toBeGreaterThan(0);

    const summary = await value<{ valid: number; invalid: number }>('checkFile', {
      path: CRM,
      mapping,
      matchKey: 'em',
    });
    expect(summary).toMatchObject({ valid: 192, invalid: 8 });

    const result = await value<{ upload: { id: string; accepted: number; status: string } }>(
      'startUpload',
      { path: CRM, mapping: crmMapping(), datasetId: 'ds_crm', connection },
    );
    expect(result.upload).toMatchObject({ status: 'completed', accepted: 192 });
    expect(progress.some((m) => m.kind === 'upload' && m.progress.accepted === 192)).toBe(true);
    expect(finished).toEqual([expect.objectContaining({ ok: true })]);

    const log = await value<{ total: number; entries: Array<{ uploadId: string | null }> }>(
      'queryLog',
      { filter: { uploadId: result.upload.id }, limit: 50, offset: 0 },
    );
    expect(log.total).toBe(2);
    // The table gets no bodies; the detail pane asks for one entry in full.
    expect(log.entries[0]).not.toHaveProperty('requestBody');

    const out = join(dataDir, 'rejected.csv');
    savePaths.push(out);
    expect(await value('exportRejectedRows', { uploadId: result.upload.id })).toEqual({
      path: out,
      rows: 8,
    });
    savePaths.push(null);
    expect(await value('exportLog', { filter: {}, format: 'csv' })).toBeNull();
    const logOut = join(dataDir, 'log.json');
    savePaths.push(logOut);
    expect(await value('exportLog', { filter: {}, format: 'json' })).toMatchObject({ rows: 2 });
    expect(JSON.parse(readFileSync(logOut, 'utf8'))).toHaveLength(2);
  });

  it('offers an interrupted upload for resume and finishes it', async () => {
    await value('saveConnection', {
      name: connection,
      endpoint: sandbox.url,
      apiKey: sandbox.apiKey,
    });
    sandbox.setFaults({ serverErrorRate: 1 });
    const first = await value<{ upload: { id: string; status: string } }>('startUpload', {
      path: CRM,
      mapping: crmMapping(),
      datasetId: 'ds_crm',
      connection,
    });
    expect(first.upload.status).toBe('interrupted');
    expect(finished[0]).toMatchObject({ ok: false });
    const resumable = await value<Array<{ id: string }>>('listResumableUploads');
    expect(resumable.map((u) => u.id)).toEqual([first.upload.id]);

    sandbox.setFaults({ serverErrorRate: 0 });
    const resumed = await value<{ upload: { status: string } }>('resumeUpload', {
      uploadId: first.upload.id,
    });
    expect(resumed.upload.status).toBe('completed');
    expect(await value('listResumableUploads')).toEqual([]);
  });

  it('reports a file with no usable rows', async () => {
    const file = join(dataDir, 'no-emails.csv');
    writeFileSync(file, 'Email,Event\n,Purchase\nn/a,Purchase\n');
    const mapping = {
      version: 1,
      eventName: { column: 'Event' },
      conversionType: { constant: 'online_purchase' },
      identity: { em: { source: { column: 'Email' } } },
    };
    const summary = await value<{
      valid: number;
      invalid: number;
      invalidByReason: Array<{ code: string; rows: number[] }>;
    }>('checkFile', { path: file, mapping, matchKey: 'em' });
    expect(summary).toMatchObject({ valid: 0, invalid: 2 });
    expect(summary.invalidByReason[0]).toMatchObject({ code: 'missing_match_key', rows: [2, 3] });
  });
});

describe('settings', () => {
  it('validates and keeps settings', async () => {
    expect(await value('updateSettings', { batchSize: 500 })).toMatchObject({ batchSize: 500 });
    expect(await call('updateSettings', { batchSize: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(await value('getSettings')).toMatchObject({ batchSize: 500 });
  });
});
