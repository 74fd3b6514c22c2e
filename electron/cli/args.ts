/** Command-line parsing on node:util's parseArgs, with errors a user can act on. */
import { parseArgs } from 'node:util';

import { UsageError } from './errors';

import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Parses `argv` for one command; unknown options and missing values are usage errors. */
export function parseCommand<T extends Options>(argv: string[], options: T, command: string) {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${command}: ${message} (see \`cadent-uploader ${command} --help\`)`);
  }
}

/** The single FILE positional a command needs. */
export function onePositional(positionals: string[], what: string, command: string): string {
  const [first, ...rest] = positionals;
  if (!first) throw new UsageError(`${command}: ${what} is missing`);
  if (rest.length > 0) throw new UsageError(`${command}: unexpected argument "${rest[0]}"`);
  return first;
}

/** A positive integer option, or its default. */
export function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  range: [number, number],
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < range[0] || parsed > range[1]) {
    throw new UsageError(`--${name} must be a whole number from ${range[0]} to ${range[1]}`);
  }
  return parsed;
}

/** `--now` for replaying an old file against a sandbox whose clock is fixed. */
export function nowOption(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now "${value}" is not a date`);
  return date;
}
