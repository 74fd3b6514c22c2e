/**
 * Streams a CSV file into built events: rows grouped when the mapping says so, every row
 * accounted for. A row that cannot become an event comes out as a built event with a fatal
 * problem, never dropped; a blank row comes out as skipped.
 */
import { buildEvent } from '../../shared/build-event';
import { readCsvRows } from '../csv/read';

import type { BuiltEvent, CompiledMapping, RowInput } from '../../shared/build-event';
import type { CsvFormat, CsvProblem } from '../csv/types';

export type FileItem =
  { kind: 'event'; built: BuiltEvent } | { kind: 'skipped'; problem: CsvProblem };

export interface FileEventsOptions {
  format?: CsvFormat;
  signal?: AbortSignal;
  trace?: boolean;
  /** Called with the header line before the first item. */
  onHeaders?: (headers: string[], format: CsvFormat) => void;
}

/** Yields one item per event (or invalid row) and per skipped row, in file order. */
export async function* fileEvents(
  filePath: string,
  compile: (headers: string[]) => CompiledMapping,
  options: FileEventsOptions = {},
): AsyncGenerator<FileItem> {
  let compiled: CompiledMapping | null = null;
  let grouper: RowGrouper | null = null;
  const trace = options.trace === true;

  for await (const record of readCsvRows(filePath, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    if (record.kind === 'header') {
      options.onHeaders?.(record.headers, record.format);
      compiled = compile(record.headers);
      grouper = new RowGrouper(compiled);
      continue;
    }
    if (!compiled || !grouper) throw new Error('CSV reader yielded rows before the header');
    if (record.kind === 'problem') {
      const { problem } = record;
      if (problem.kind === 'blank_row') {
        yield { kind: 'skipped', problem };
      } else if (problem.row !== null) {
        // Ragged or undecodable rows are invalid events with their reason, in file order.
        for (const built of grouper.flush(trace)) yield { kind: 'event', built };
        yield { kind: 'event', built: unreadableRow(problem.row, problem) };
      } else {
        yield { kind: 'skipped', problem };
      }
      continue;
    }
    for (const built of grouper.add(record.row, trace)) yield { kind: 'event', built };
  }
  if (grouper) for (const built of grouper.flush(trace)) yield { kind: 'event', built };
}

/**
 * Collects the consecutive rows of one group (one order's line items). Groups must be
 * contiguous, as exports write them; a group key that comes back after others is reported on
 * each of its late rows rather than silently merged or sent twice.
 */
class RowGrouper {
  private readonly keyIndex: number | null;
  private currentKey: string | null = null;
  private current: RowInput[] = [];
  private readonly closedKeys = new Map<string, number>();

  constructor(private readonly compiled: CompiledMapping) {
    const groupBy = compiled.mapping.groupBy;
    this.keyIndex = groupBy === undefined ? null : (compiled.columnIndex.get(groupBy) ?? null);
  }

  add(row: RowInput, trace: boolean): BuiltEvent[] {
    if (this.keyIndex === null) return [buildEvent(this.compiled, [row], { trace })];
    const key = (row.cells[this.keyIndex] ?? '').trim();
    if (key === '') {
      return [...this.flush(trace), groupProblem(row.row, this.compiled, 'group key is blank')];
    }
    if (key === this.currentKey) {
      this.current.push(row);
      return [];
    }
    const out = this.flush(trace);
    const firstSeen = this.closedKeys.get(key);
    if (firstSeen !== undefined) {
      const message =
        `rows of "${key}" are not together (first at row ${firstSeen}); ` +
        `sort the file by ${this.compiled.mapping.groupBy}`;
      out.push(groupProblem(row.row, this.compiled, message));
      return out;
    }
    this.currentKey = key;
    this.current = [row];
    return out;
  }

  flush(trace: boolean): BuiltEvent[] {
    if (this.current.length === 0) return [];
    const built = buildEvent(this.compiled, this.current, { trace });
    if (this.currentKey !== null) {
      this.closedKeys.set(this.currentKey, this.current[0]?.row ?? 0);
    }
    this.current = [];
    this.currentKey = null;
    return [built];
  }
}

function groupProblem(row: number, compiled: CompiledMapping, message: string): BuiltEvent {
  return {
    firstRow: row,
    lastRow: row,
    event: null,
    problems: [
      {
        field: 'group',
        column: compiled.mapping.groupBy ?? null,
        code: 'group_split',
        message,
        fatal: true,
      },
    ],
    prehashed: [],
    trace: null,
  };
}

function unreadableRow(row: number, problem: CsvProblem): BuiltEvent {
  return {
    firstRow: row,
    lastRow: row,
    event: null,
    problems: [
      {
        field: 'row',
        column: problem.column ?? null,
        code: problem.kind,
        message: problem.message,
        fatal: true,
      },
    ],
    prehashed: [],
    trace: null,
  };
}
