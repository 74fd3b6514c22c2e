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
        yield* grouper.blank(problem);
      } else if (problem.row !== null) {
        // Ragged or undecodable rows are invalid events with their reason, in file order.
        yield* grouper.interrupt(problem.row, problem, trace);
      } else {
        yield { kind: 'skipped', problem };
      }
      continue;
    }
    yield* grouper.add(record.row, trace);
  }
  // The reader checks the signal only before a record; the last group comes after the last one.
  options.signal?.throwIfAborted();
  if (grouper) yield* grouper.end(trace);
}

/**
 * Collects the consecutive rows of one group (one order's line items). Groups must be
 * contiguous, as exports write them; a group key that comes back after others is reported on
 * each of its late rows rather than silently merged or sent twice. Items come out in file
 * order, and every row in exactly one of them: a blank row inside a group is within the
 * group's rows, a blank row after it is skipped after the group's event.
 */
class RowGrouper {
  private readonly keyIndex: number | null;
  private currentKey: string | null = null;
  private current: RowInput[] = [];
  private readonly closedKeys = new Map<string, number>();
  /** Blank rows after the last row of the open group: inside it if the group goes on. */
  private blanks: FileItem[] = [];
  /** The group an unreadable row cut short, so that its next rows are not called unsorted. */
  private cut: { key: string; row: number } | null = null;
  /**
   * The items from a group cut short up to the next readable row: if that row goes on with the
   * same key, the unreadable row belonged to the group, and the group is held back whole
   * rather than sent without it (a corrected re-upload would then be dropped as a duplicate).
   */
  private held: { key: string; row: number; items: FileItem[] } | null = null;

  constructor(private readonly compiled: CompiledMapping) {
    const groupBy = compiled.mapping.groupBy;
    this.keyIndex = groupBy === undefined ? null : (compiled.columnIndex.get(groupBy) ?? null);
  }

  add(row: RowInput, trace: boolean): FileItem[] {
    if (this.keyIndex === null) return [eventItem(buildEvent(this.compiled, [row], { trace }))];
    const key = (row.cells[this.keyIndex] ?? '').trim();
    const released = this.release(key);
    if (key === '') {
      return [
        ...released,
        ...this.flush(trace),
        eventItem(groupProblem(row.row, this.compiled, 'group key is blank')),
      ];
    }
    if (key === this.currentKey) {
      this.current.push(row);
      this.blanks = [];
      return released;
    }
    const out = [...released, ...this.flush(trace)];
    const firstSeen = this.closedKeys.get(key);
    if (firstSeen !== undefined) {
      const message =
        this.cut?.key === key
          ? `rows of "${key}" are parted by row ${this.cut.row}, which could not be read ` +
            `(first at row ${firstSeen}); correct row ${this.cut.row}`
          : `rows of "${key}" are not together (first at row ${firstSeen}); ` +
            `sort the file by ${this.compiled.mapping.groupBy}`;
      out.push(eventItem(groupProblem(row.row, this.compiled, message)));
      return out;
    }
    this.cut = null;
    this.currentKey = key;
    this.current = [row];
    return out;
  }

  /** A blank row: skipped now, or once the open group turns out to end before it. */
  blank(problem: CsvProblem): FileItem[] {
    const skipped: FileItem = { kind: 'skipped', problem };
    if (this.held) {
      this.held.items.push(skipped);
      return [];
    }
    if (this.current.length === 0) return [skipped];
    this.blanks.push(skipped);
    return [];
  }

  /** An unreadable row ends the open group; whether it was part of it, the next row tells. */
  interrupt(row: number, problem: CsvProblem, trace: boolean): FileItem[] {
    const unreadable = eventItem(unreadableRow(row, problem));
    if (this.held) {
      this.held.items.push(unreadable);
      return [];
    }
    const key = this.currentKey;
    const closed = this.flush(trace);
    if (key === null) return [...closed, unreadable];
    this.cut = { key, row };
    this.held = { key, row, items: [...closed, unreadable] };
    return [];
  }

  /** The end of the file: what is held and the open group. */
  end(trace: boolean): FileItem[] {
    return [...this.release(null), ...this.flush(trace)];
  }

  private release(nextKey: string | null): FileItem[] {
    if (!this.held) return [];
    const { key, row, items } = this.held;
    this.held = null;
    const group = items[0];
    if (nextKey === key && group?.kind === 'event') {
      group.built = heldBack(group.built, row, key, this.compiled);
    }
    return items;
  }

  flush(trace: boolean): FileItem[] {
    if (this.current.length === 0) return [];
    const built = buildEvent(this.compiled, this.current, { trace });
    if (this.currentKey !== null) {
      this.closedKeys.set(this.currentKey, this.current[0]?.row ?? 0);
    }
    const out = [eventItem(built), ...this.blanks];
    this.current = [];
    this.currentKey = null;
    this.blanks = [];
    return out;
  }
}

function eventItem(built: BuiltEvent): FileItem {
  return { kind: 'event', built };
}

/** The group of `key` without an event: its row `row` could not be read. */
function heldBack(built: BuiltEvent, row: number, key: string, compiled: CompiledMapping) {
  const problem = {
    field: 'group',
    column: compiled.mapping.groupBy ?? null,
    code: 'group_incomplete',
    message:
      `row ${row} of "${key}" could not be read, so the whole group is held back; ` +
      `correct row ${row}`,
    fatal: true,
  };
  return { ...built, event: null, problems: [...built.problems, problem] };
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
