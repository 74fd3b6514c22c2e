/**
 * `npm run bench`: throughput of the pipeline on generated CRM-like files. Prints rows per
 * second for the full-file check (read, normalize, hash, in the worker) and for an upload to a
 * local sandbox, with this process's peak resident memory. Figures only; nothing is asserted.
 *
 *   npm run bench -- [--rows 10000,100000,500000] [--upload-rows 100000]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { checkFile } from '../../electron/pipeline/check-file';
import { openStore } from '../../electron/store';
import { startUpload } from '../../electron/upload/upload-job';
import { parseMapping } from '../../shared/mapping';
import { startSandbox } from '../sandbox/server';

const NOW = new Date('2026-12-01T00:00:00Z');

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000,100000,500000' },
    'upload-rows': { type: 'string', default: '100000' },
  },
});

const MAPPING = parseMapping({
  version: 1,
  eventId: { column: 'Order ID' },
  eventName: { column: 'Event' },
  conversionType: { constant: 'offline_purchase' },
  eventTime: { column: 'Event Time', format: 'auto', timeZone: 'America/Chicago' },
  identity: Object.fromEntries(
    [
      ['em', 'Email Address'],
      ['fn', 'First Name'],
      ['ln', 'Last Name'],
      ['db', 'Date of Birth'],
      ['ge', 'Gender'],
      ['ct', 'City'],
      ['st', 'State'],
      ['zp', 'Zip Code'],
      ['country', 'Country'],
      ['external-id', 'Customer ID'],
    ].map(([field, column]) => [field, { source: { column } }]),
  ),
  eventProperties: [{ column: 'Order Total', name: 'value', type: 'money' }],
});
if (!MAPPING.ok) throw new Error(MAPPING.errors.join('; '));

const folder = mkdtempSync(join(tmpdir(), 'cadent-bench-'));
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

try {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('full-file check (worker thread: parse, normalize 10 identity fields, SHA-256):');
  for (const rows of values.rows.split(',').map(Number)) {
    const file = await generate(rows);
    const started = performance.now();
    const { summary } = await checkFile(file, MAPPING.mapping, { matchKey: 'em', now: NOW });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  ${String(rows).padStart(8)} rows  ${mb(statSync(file).size)} MB  ` +
        `${seconds.toFixed(2)} s  ${Math.round(rows / seconds)} rows/s  ` +
        `valid ${summary.valid}  peak RSS ${mb(peakRss)} MB`,
    );
  }

  const uploadRows = Number(values['upload-rows']);
  const file = await generate(uploadRows);
  const sandbox = await startSandbox({ now: () => NOW });
  const store = openStore({ dataDir: join(folder, 'data'), now: () => NOW });
  try {
    const started = performance.now();
    const outcome = await startUpload({
      store,
      filePath: file,
      mapping: MAPPING.mapping,
      datasetId: 'ds_crm',
      endpoint: sandbox.url,
      apiKey: sandbox.apiKey,
      connection: null,
      batchSize: 1000,
      concurrency: 2,
      validationTime: NOW,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log('upload to a local sandbox (1,000 events a batch, 2 at a time, all logged):');
    console.log(
      `  ${String(uploadRows).padStart(8)} rows  ${seconds.toFixed(2)} s  ` +
        `${Math.round(uploadRows / seconds)} rows/s  accepted ${outcome.upload.accepted}  ` +
        `status ${outcome.upload.status}  peak RSS ${mb(peakRss)} MB`,
    );
  } finally {
    store.close();
    await sandbox.close();
  }
} finally {
  clearInterval(sampler);
  rmSync(folder, { recursive: true, force: true });
}

/** Writes a CRM-like file of `rows` rows with the sample's mix of spellings. */
async function generate(rows: number): Promise<string> {
  const file = join(folder, `crm-${rows}.csv`);
  const out = createWriteStream(file);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  await write(
    'Email Address,First Name,Last Name,Date of Birth,Gender,City,State,Zip Code,' +
      'Country,Customer ID,Event,Event Time,Order Total,Order ID\n',
  );
  const genders = ['F', 'male', 'Woman', '', 'M'];
  const states = ['Missouri', 'TX', 'new york', 'CA', 'Ontario'];
  for (let i = 0; i < rows; i += 1) {
    const day = 1 + (i % 28);
    await write(
      ` User.${i}@Example.COM ,Mary-${i % 97},O'Brien,0${1 + (i % 9)}/${day}/19${50 + (i % 50)},` +
        `${genders[i % 5]},St. Louis,${states[i % 5]},0213${i % 10}-1234,United States,` +
        `CUST-${i},Purchase,2026-11-${String(day).padStart(2, '0')} 18:35,"$1,${String(i % 1000).padStart(3, '0')}.50",` +
        `ord-${i}\n`,
    );
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return file;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
