/**
 * `npm run sandbox`: a local Cadent server on 127.0.0.1 for demos and manual testing. It prints
 * its URL, the API keys and the datasets with their match keys, then one line per request.
 * Ctrl-C stops it.
 *
 *   npm run sandbox -- [--port 4010] [--data FILE] [--now 2026-12-01T00:00:00Z] [--seed N]
 *     [--fault-rate R] [--rate-limit-rate R] [--retry-after S] [--drop-rate R]
 *     [--slow-rate R] [--slow-ms MS] [--fail-first N] [--rps N --burst N] [--base-path /cadent]
 *
 * --port        port (default: env CADENT_SANDBOX_PORT, else 4010; 0 picks a free one)
 * --data        SQLite file that keeps stored events across restarts (default: memory only)
 * --now         fix the clock that event_time is checked against
 * --fault-rate  share of POSTs answered 500/502/503/504; --rate-limit-rate answers 429 with
 *               Retry-After (--retry-after, default 1); --drop-rate closes the socket
 *               unanswered; --slow-rate delays answers by --slow-ms; --fail-first answers the
 *               first N POSTs 503. Rates are 0..1, drawn from --seed (default 1).
 * --rps/--burst a real token-bucket rate limit per API key
 */

import { parseArgs } from 'node:util';

import { DEFAULT_API_KEYS, startSandbox } from './server';

import type { FaultConfig } from './faults';
import type { SandboxOptions } from './server';

const USAGE = `npm run sandbox -- [--port 4010] [--data FILE] [--now 2026-12-01T00:00:00Z] [--seed N]
    [--fault-rate R] [--rate-limit-rate R] [--retry-after S] [--drop-rate R]
    [--slow-rate R] [--slow-ms MS] [--fail-first N] [--rps N --burst N] [--base-path /cadent]

--port        port (default: env CADENT_SANDBOX_PORT, else 4010; 0 picks a free one)
--data        SQLite file that keeps stored events across restarts (default: memory only)
--now         fix the clock that event_time is checked against
--fault-rate  share of POSTs answered 500/502/503/504 (0..1)
--rate-limit-rate  share answered 429 with Retry-After (--retry-after seconds, default 1)
--drop-rate   share whose socket is closed unanswered
--slow-rate   share delayed by --slow-ms
--fail-first  answer the first N POSTs 503
--seed        the seed fault draws come from (default 1)
--rps/--burst a real token-bucket rate limit per API key`;

const values = readFlags();

const faults: Partial<FaultConfig> = {
  serverErrorRate: numberFlag('fault-rate'),
  rateLimitRate: numberFlag('rate-limit-rate'),
  retryAfterSeconds: numberFlag('retry-after'),
  dropRate: numberFlag('drop-rate'),
  slowRate: numberFlag('slow-rate'),
  slowMs: numberFlag('slow-ms'),
  failFirst: numberFlag('fail-first'),
};
const options: SandboxOptions = {
  port: numberFlag('port') ?? portFromEnvironment(),
  faults,
};
if (values.data !== undefined) options.dataFile = values.data;
if (values.seed !== undefined) options.seed = numberFlag('seed');
if (values['base-path'] !== undefined) options.basePath = values['base-path'];
if (values.now !== undefined) {
  const fixed = new Date(values.now);
  if (Number.isNaN(fixed.getTime())) fail(`--now: not a date: ${values.now}`);
  options.now = () => new Date(fixed);
}
if (values.rps !== undefined || values.burst !== undefined) {
  const requestsPerSecond = numberFlag('rps') ?? 1;
  options.rateLimit = { requestsPerSecond, burst: numberFlag('burst') ?? requestsPerSecond };
}
options.onRequest = (request) => {
  const extra = [
    request.eventCount > 0 ? plural(request.eventCount, 'event') : '',
    request.fault ?? '',
  ]
    .filter(Boolean)
    .join(', ');
  const status = request.status === 0 ? 'no answer' : String(request.status);
  console.log(`${request.method} ${request.path} -> ${status}${extra ? ` (${extra})` : ''}`);
};

const sandbox = await startSandbox(options).catch((error: unknown) => fail(String(error)));
const active = Object.entries(faults).filter(([, value]) => value !== undefined && value !== 0);

console.log(`Cadent sandbox at ${sandbox.url}`);
for (const { key, datasets } of DEFAULT_API_KEYS) {
  console.log(`  API key   ${key}  (${datasets === '*' ? 'all datasets' : datasets.join(', ')})`);
}
for (const { id, name, match_key, status } of sandbox.datasets) {
  console.log(`  dataset   ${id.padEnd(12)} match key ${match_key.padEnd(12)} ${name} [${status}]`);
}
console.log(`  clock     ${options.now ? options.now().toISOString() : 'real time'}`);
console.log(`  storage   ${options.dataFile ?? 'in memory'}`);
if (options.rateLimit) {
  const { requestsPerSecond, burst } = options.rateLimit;
  console.log(`  limit     ${requestsPerSecond} requests/s per key, burst ${burst}`);
}
console.log(`  faults    ${active.map(([name, value]) => `${name}=${value}`).join(' ') || 'none'}`);
console.log('Ctrl-C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => {
      console.log('Cadent sandbox stopped.');
      process.exit(0);
    });
  });
}

function readFlags() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        now: { type: 'string' },
        seed: { type: 'string' },
        'fault-rate': { type: 'string' },
        'rate-limit-rate': { type: 'string' },
        'retry-after': { type: 'string' },
        'drop-rate': { type: 'string' },
        'slow-rate': { type: 'string' },
        'slow-ms': { type: 'string' },
        'fail-first': { type: 'string' },
        rps: { type: 'string' },
        burst: { type: 'string' },
        'base-path': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
}

function numberFlag(name: keyof typeof values): number | undefined {
  const text = values[name];
  if (text === undefined || typeof text !== 'string') return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) fail(`--${name}: not a number: ${text}`);
  return value;
}

function portFromEnvironment(): number {
  const text = process.env.CADENT_SANDBOX_PORT;
  if (text === undefined || text === '') return 4010;
  if (!/^\d{1,5}$/.test(text)) fail(`CADENT_SANDBOX_PORT: not a port: ${text}`);
  return Number(text);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function fail(message: string): never {
  console.error(`cadent sandbox: ${message}`);
  process.exit(2);
}
