/** How numbers, sizes, times and counts read in the interface. */

import { capitalizeSentence } from '../../shared/sentence';

// TODO(i18n): numbers and dates are written the US way whatever the user's locale; the
// interface text is English only.

const numberFormat = new Intl.NumberFormat('en-US');

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "1 row", "2,400 rows". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const percent = (part / whole) * 100;
  if (percent > 0 && percent < 1) return '<1%';
  return `${Math.round(percent)}%`;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An ISO timestamp in the user's local time. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

const dateFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An ISO timestamp in local time as its date and its time, for a cell that may break between. */
export function formatDateAndTime(iso: string): { date: string; time: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { date: iso, time: '' };
  return { date: dateFormat.format(date), time: timeFormat.format(date) };
}

export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 2 : 1)} s`;
}

/** "about 2 min", "45 s": a time left, rounded the way a person says it. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return `about ${hours} h ${minutes} min`;
}

/** A delimiter as a person names it. */
export function describeDelimiter(delimiter: string): string {
  switch (delimiter) {
    case ',':
      return 'Comma';
    case ';':
      return 'Semicolon';
    case '\t':
      return 'Tab';
    case '|':
      return 'Pipe';
    default:
      return JSON.stringify(delimiter);
  }
}

export function describeEncoding(encoding: string, bom: boolean): string {
  const names: Record<string, string> = {
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16 LE',
    'utf-16be': 'UTF-16 BE',
    'windows-1252': 'Windows-1252',
  };
  const name = names[encoding] ?? encoding;
  return bom ? `${name} with BOM` : name;
}

/**
 * A message saved with an upload (its `error`), as a sentence. Call errors arrive as sentences
 * already; saved messages are written as CLI lines are, in lower case and without a full stop.
 * The capital follows the main process's rule: a first word that is a file name or a path
 * ("empty.csv is empty") keeps its case.
 */
export function savedMessage(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capitalized = capitalizeSentence(trimmed);
  return /[.!?…]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

/** The last part of a path, as the user knows the file. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
