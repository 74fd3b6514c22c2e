/**
 * Fault injection for the sandbox: which request fails, and how, drawn from a seeded PRNG so a
 * failing run can be replayed exactly.
 */

import type { TransientStatus } from './contract';

/** How often, and how, faultable requests fail. Rates are probabilities from 0 to 1. */
export interface FaultConfig {
  /** Answer 500, 502, 503 or 504 (502 with an HTML body, as a proxy would). */
  serverErrorRate: number;
  /** Answer 429 `rate_limited` with `Retry-After: retryAfterSeconds`. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** Destroy the socket once the body is read, without any answer. */
  dropRate: number;
  /** Delay the answer by `slowMs`. Events are stored before the delay, so a client that times
   * out and retries meets its events again as duplicates. */
  slowRate: number;
  slowMs: number;
  /** The next N faultable requests answer 503, before any random fault: deterministic. */
  failFirst?: number;
  /** Whether `GET /v1/datasets/{id}` is faultable too; POST events always is. */
  faultGets?: boolean;
}

/** No faults at all: the configuration a sandbox starts with unless told otherwise. */
export const NO_FAULTS: Readonly<Required<FaultConfig>> = {
  serverErrorRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  dropRate: 0,
  slowRate: 0,
  slowMs: 2_000,
  failFirst: 0,
  faultGets: false,
};

/** What a faulted request gets instead of its normal answer. */
export type Fault =
  | { kind: 'fail_first'; status: 503 }
  | { kind: 'server_error'; status: TransientStatus }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'drop' };

/** The verdict for one faultable request. */
export interface FaultDecision {
  fault: Fault | null;
  delayMs: number;
}

/** Draws fault decisions; `set` merges settings and restarts the `failFirst` count. */
export interface FaultInjector {
  next(): FaultDecision;
  set(faults: Partial<FaultConfig>): void;
  /** Back to the starting settings and the start of the seeded sequence. */
  reset(): void;
  readonly config: Readonly<Required<FaultConfig>>;
}

/** A fault injector whose decisions depend only on the seed, the settings and the request's
 * position in the sequence. */
export function createFaultInjector(
  seed: number,
  initial: Partial<FaultConfig> = {},
): FaultInjector {
  let config = merge(NO_FAULTS, initial);
  let failuresLeft = config.failFirst;
  let random = mulberry32(seed);

  return {
    next() {
      // Always five draws, whatever the outcome, so one setting never shifts another's sequence.
      const [drop, error, which, limit, slow] = [random(), random(), random(), random(), random()];
      const delayMs = slow < config.slowRate ? config.slowMs : 0;

      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return { fault: { kind: 'fail_first', status: 503 }, delayMs };
      }
      if (drop < config.dropRate) return { fault: { kind: 'drop' }, delayMs: 0 };
      if (error < config.serverErrorRate) {
        const status = SERVER_ERRORS[Math.floor(which * SERVER_ERRORS.length)] ?? 500;
        return { fault: { kind: 'server_error', status }, delayMs };
      }
      if (limit < config.rateLimitRate) {
        return {
          fault: { kind: 'rate_limit', retryAfterSeconds: config.retryAfterSeconds },
          delayMs,
        };
      }
      return { fault: null, delayMs };
    },
    set(faults) {
      config = merge(config, faults);
      if (faults.failFirst !== undefined) failuresLeft = config.failFirst;
    },
    reset() {
      config = merge(NO_FAULTS, initial);
      failuresLeft = config.failFirst;
      random = mulberry32(seed);
    },
    get config() {
      return config;
    },
  };
}

const SERVER_ERRORS = [500, 502, 503, 504] as const satisfies readonly TransientStatus[];

function merge(
  base: Readonly<Required<FaultConfig>>,
  change: Partial<FaultConfig>,
): Required<FaultConfig> {
  const config = { ...base, ...stripUndefined(change) };
  for (const key of ['serverErrorRate', 'rateLimitRate', 'dropRate', 'slowRate'] as const) {
    if (!(config[key] >= 0 && config[key] <= 1)) throw new RangeError(`${key} must be 0..1`);
  }
  for (const key of ['retryAfterSeconds', 'slowMs', 'failFirst'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 0) {
      throw new RangeError(`${key} must be a whole number >= 0`);
    }
  }
  return config;
}

function stripUndefined(change: Partial<FaultConfig>): Partial<FaultConfig> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}

/** A small, well-known 32-bit PRNG: plenty for fault rolls, and identical on every platform. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
