import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { countCsvRows } from '../../../electron/csv/read';
import { fileEvents } from '../../../electron/pipeline/file-events';
import { sha256Hex } from '../../../electron/pipeline/sha256';
import { compileMapping } from '../../../shared/build-event';
import { mappingSchema } from '../../../shared/mapping';

import type { CsvFormat } from '../../../electron/csv/types';
import type { FileEventsOptions, FileItem } from '../../../electron/pipeline/file-events';
import type { BuiltEvent, CompiledMapping } from '../../../shared/build-event';
import type { IdentityField } from '../../../shared/cadent-fields';
import type { MappingInput } from '../../../shared/mapping';

const NOW = new Date('2026-11-20T12:00:00Z');
const SAMPLE_DATA = '/work/shared/data';
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'mappings');

let dir: string;
let fileCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cadent-file-events-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csvFile(lines: readonly string[]): Promise<string> {
  fileCount += 1;
  const path = join(dir, `file-${fileCount}.csv`);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const ORDER_MAPPING: MappingInput = {
  version: 1,
  eventId: { column: 'Name' },
  eventName: { constant: 'Purchase' },
  conversionType: { constant: 'online_purchase' },
  identity: { em: { source: { column: 'Email' } } },
  eventProperties: [
    { column: 'Total', name: 'value', type: 'money' },
    { column: 'Item', name: 'first_item' },
  ],
  groupBy: 'Name',
};

function compiler(
  input: MappingInput = ORDER_MAPPING,
  matchKey: IdentityField | null = 'em',
): (headers: string[]) => CompiledMapping {
  const mapping = mappingSchema.parse(input);
  return (headers) => compileMapping(mapping, headers, { hash: sha256Hex, now: NOW, matchKey });
}

async function collect(
  path: string,
  compile = compiler(),
  options: FileEventsOptions = {},
): Promise<FileItem[]> {
  const items: FileItem[] = [];
  for await (const item of fileEvents(path, compile, options)) items.push(item);
  return items;
}

function builtOf(items: readonly FileItem[]): BuiltEvent[] {
  return items.flatMap((item) => (item.kind === 'event' ? [item.built] : []));
}

function skippedRows(items: readonly FileItem[]): Array<number | null> {
  return items.flatMap((item) => (item.kind === 'skipped' ? [item.problem.row] : []));
}

/** Every data row once: the row spans of the events and the skipped rows, in file order. */
async function expectEveryRowAccountedFor(path: string, items: readonly FileItem[]) {
  const rows: number[] = [];
  for (const item of items) {
    if (item.kind === 'skipped') {
      if (item.problem.row !== null) rows.push(item.problem.row);
      continue;
    }
    for (let row = item.built.firstRow; row <= item.built.lastRow; row++) rows.push(row);
  }
  const count = await countCsvRows(path);
  const total = count.rows + count.blankRows;
  expect(rows).toEqual(Array.from({ length: total }, (_, index) => index + 2));
}

const HEADER = 'Name,Email,Total,Item';

describe('fileEvents grouping', () => {
  it('builds one event per run of rows with the same key', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$246.09,Rain Shell',
      '#1001,a@example.com,,Boots',
      '#1001,a@example.com,,Hat',
      '#1002,b@example.com,$10.00,Scarf',
      ' #1003 ,c@example.com,$5.00,Socks',
      '#1003,c@example.com,,Gloves',
    ]);
    const items = await collect(path);
    const built = builtOf(items);
    expect(built.map((item) => [item.firstRow, item.lastRow, item.event?.event_id])).toEqual([
      [2, 4, '#1001'],
      [5, 5, '#1002'],
      // Keys are compared trimmed.
      [6, 7, '#1003'],
    ]);
    expect(built[0]?.event?.event_properties).toEqual({ value: 246.09, first_item: 'Rain Shell' });
    expect(built.every((item) => item.problems.length === 0)).toBe(true);
    await expectEveryRowAccountedFor(path, items);
  });

  it('builds one event per row without groupBy', async () => {
    const { groupBy: _none, ...input } = ORDER_MAPPING;
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,1,A',
      '#1002,a@example.com,2,B',
      '#1003,a@example.com,3,C',
    ]);
    const items = await collect(path, compiler(input));
    expect(builtOf(items).map((item) => [item.firstRow, item.lastRow])).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });

  it('reports each late row of a key that comes back, naming its first row', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '#1001,a@example.com,,B',
      '#1002,b@example.com,$2.00,C',
      '#1001,a@example.com,,D',
      '#1001,a@example.com,,E',
      '#1003,c@example.com,$3.00,F',
    ]);
    const items = await collect(path);
    const built = builtOf(items);
    expect(
      built.map((item) => [item.firstRow, item.lastRow, item.event?.event_id ?? null]),
    ).toEqual([
      [2, 3, '#1001'],
      [4, 4, '#1002'],
      [5, 5, null],
      [6, 6, null],
      [7, 7, '#1003'],
    ]);
    for (const late of [built[2], built[3]]) {
      expect(late?.problems).toEqual([
        expect.objectContaining({
          field: 'group',
          column: 'Name',
          code: 'group_split',
          fatal: true,
        }),
      ]);
      expect(late?.problems[0]?.message).toContain('"#1001"');
      expect(late?.problems[0]?.message).toContain('row 2');
    }
    // The first run of the key is still sent as it was, once.
    expect(built.filter((item) => item.event?.event_id === '#1001')).toHaveLength(1);
    await expectEveryRowAccountedFor(path, items);
  });

  it('reports a row with a blank group key', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '  ,a@example.com,,B',
      '#1001,a@example.com,,C',
    ]);
    const items = await collect(path);
    const built = builtOf(items);
    expect(built[0]).toMatchObject({ firstRow: 2, lastRow: 2 });
    expect(built[1]).toMatchObject({ firstRow: 3, lastRow: 3, event: null });
    expect(built[1]?.problems).toEqual([
      expect.objectContaining({ code: 'group_split', column: 'Name', fatal: true }),
    ]);
    expect(built[1]?.problems[0]?.message).toContain('blank');
    await expectEveryRowAccountedFor(path, items);
  });
});

describe('fileEvents with rows that are not rows', () => {
  it('turns a ragged row into an invalid event at its row, shifting nothing', async () => {
    const { groupBy: _none, ...input } = ORDER_MAPPING;
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,1,A',
      '#1002,b@example.com,2,Gift Card, $25',
      '#1003,c@example.com,3',
      '#1004,d@example.com,4,D',
    ]);
    const items = await collect(path, compiler(input));
    const built = builtOf(items);
    expect(built.map((item) => [item.firstRow, item.event?.event_id ?? null])).toEqual([
      [2, '#1001'],
      [3, null],
      [4, null],
      [5, '#1004'],
    ]);
    for (const ragged of [built[1], built[2]]) {
      expect(ragged?.problems).toEqual([
        expect.objectContaining({ field: 'row', code: 'ragged_row', fatal: true }),
      ]);
      expect(ragged?.lastRow).toBe(ragged?.firstRow);
    }
    expect(built[1]?.problems[0]?.message).toContain('row 3');
    // The rows after the ragged ones keep their own cells.
    expect(built[3]?.event).toMatchObject({
      event_id: '#1004',
      user: { em: sha256Hex('d@example.com') },
      event_properties: { value: 4, first_item: 'D' },
    });
    await expectEveryRowAccountedFor(path, items);
  });

  it('ends a group at a ragged row and sends the rows before it', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '#1001,a@example.com,,B',
      '#1002,b@example.com,$2.00,Gift Card, $25',
      '#1003,c@example.com,$3.00,F',
    ]);
    const items = await collect(path);
    expect(
      builtOf(items).map((item) => [item.firstRow, item.lastRow, item.problems[0]?.code]),
    ).toEqual([
      [2, 3, undefined],
      [4, 4, 'ragged_row'],
      [5, 5, undefined],
    ]);
    await expectEveryRowAccountedFor(path, items);
  });

  it('does not call the rest of a group cut by a ragged row unsorted', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '#1001,a@example.com,,Gift Card, $25',
      '#1001,a@example.com,,C',
      '#1002,b@example.com,$2.00,D',
    ]);
    const items = await collect(path);
    const built = builtOf(items);
    expect(built.map((item) => [item.firstRow, item.lastRow])).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    // Row 3 belonged to #1001 (row 4 goes on with it): the group is held back whole.
    expect(built[0]?.event).toBeNull();
    expect(built[0]?.problems).toEqual([
      expect.objectContaining({
        code: 'group_incomplete',
        fatal: true,
        message: expect.stringContaining('correct row 3'),
      }),
    ]);
    const cut = built[2]?.problems[0];
    expect(cut).toMatchObject({ code: 'group_split', fatal: true });
    // The rows are together; the unreadable row 3 is what parted them.
    expect(cut?.message).toContain('row 3');
    expect(cut?.message).not.toContain('sort the file');
    expect(built[3]?.event?.event_id).toBe('#1002');
    await expectEveryRowAccountedFor(path, items);
  });

  it('still calls a key unsorted when it comes back after another group', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '#1001,a@example.com,,Gift Card, $25',
      '#1002,b@example.com,$2.00,D',
      '#1001,a@example.com,,C',
    ]);
    const built = builtOf(await collect(path));
    expect(built[3]?.problems[0]?.message).toContain('sort the file by Name');
  });

  it('sends a group whose next row starts another group', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '#1002,b@example.com,$2.00,B,extra',
      '#1003,c@example.com,$3.00,C',
    ]);
    const built = builtOf(await collect(path));
    expect(built.map((item) => item.event?.event_id ?? item.problems[0]?.code)).toEqual([
      '#1001',
      'ragged_row',
      '#1003',
    ]);
  });

  it('turns each of several unreadable rows in a row into its own invalid event', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '#1001,a@example.com,,B,extra',
      '#1001,a@example.com',
      '#1001,a@example.com,,C',
    ]);
    const items = await collect(path);
    const built = builtOf(items);
    expect(built.map((item) => [item.firstRow, item.problems[0]?.code ?? 'ok'])).toEqual([
      [2, 'group_incomplete'],
      [3, 'ragged_row'],
      [4, 'ragged_row'],
      [5, 'group_split'],
    ]);
    expect(built[3]?.problems[0]?.message).toContain('row 3');
    await expectEveryRowAccountedFor(path, items);
  });

  it('skips blank rows', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '',
      ',,,',
      '#1002,b@example.com,$2.00,B',
      '',
    ]);
    const items = await collect(path);
    expect(items.map((item) => item.kind)).toEqual([
      'event',
      'skipped',
      'skipped',
      'event',
      'skipped',
    ]);
    expect(skippedRows(items)).toEqual([3, 4, 6]);
    for (const item of items) {
      if (item.kind === 'skipped') expect(item.problem.kind).toBe('blank_row');
    }
    await expectEveryRowAccountedFor(path, items);
  });

  it('accounts for a blank row inside a group once', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '',
      '#1001,a@example.com,,B',
      '#1002,b@example.com,$2.00,C',
    ]);
    const items = await collect(path);
    const built = builtOf(items);
    expect(built.map((item) => item.event?.event_id)).toEqual(['#1001', '#1002']);
    // The blank row is within the group's rows, so it is not skipped as well.
    expect(built[0]).toMatchObject({ firstRow: 2, lastRow: 4 });
    expect(skippedRows(items)).toEqual([]);
    await expectEveryRowAccountedFor(path, items);
  });

  it('skips blank rows after a group once the group ends, in file order', async () => {
    const path = await csvFile([
      HEADER,
      '#1001,a@example.com,$1.00,A',
      '#1001,a@example.com,,B',
      '',
      '',
      '#1002,b@example.com,$2.00,C',
      '',
      '#1001,a@example.com,,D',
      '',
      '  ,b@example.com,,E',
      '',
    ]);
    const items = await collect(path);
    expect(
      items.map((item) =>
        item.kind === 'skipped'
          ? `skip ${item.problem.row}`
          : `${item.built.firstRow}-${item.built.lastRow} ${item.built.event?.event_id ?? item.built.problems[0]?.code}`,
      ),
    ).toEqual([
      '2-3 #1001',
      'skip 4',
      'skip 5',
      '6-6 #1002',
      'skip 7',
      '8-8 group_split',
      'skip 9',
      '10-10 group_split',
      'skip 11',
    ]);
    await expectEveryRowAccountedFor(path, items);
  });

  it('yields blank rows before the header after the header', async () => {
    const path = await csvFile(['', HEADER, '#1001,a@example.com,$1.00,A']);
    const seen: string[] = [];
    const items = await collect(path, compiler(), {
      onHeaders: (headers) => seen.push(`headers ${headers.join('|')}`),
    });
    expect(seen).toEqual(['headers Name|Email|Total|Item']);
    expect(items[0]).toMatchObject({ kind: 'skipped', problem: { kind: 'blank_row', row: 1 } });
    expect(builtOf(items)[0]).toMatchObject({ firstRow: 3, lastRow: 3 });
  });
});

describe('fileEvents options', () => {
  it('passes the headers and format to onHeaders before the first item and compiles once', async () => {
    const path = await csvFile([HEADER.replaceAll(',', ';'), '#1001;a@example.com;1;A']);
    const calls: string[] = [];
    let compiled = 0;
    const compile = compiler();
    const items: FileItem[] = [];
    for await (const item of fileEvents(
      path,
      (headers) => {
        compiled += 1;
        calls.push('compile');
        return compile(headers);
      },
      {
        onHeaders: (headers: string[], format: CsvFormat) => {
          calls.push(`headers ${headers.length} ${format.delimiter}`);
        },
      },
    )) {
      calls.push('item');
      items.push(item);
    }
    expect(calls).toEqual(['headers 4 ;', 'compile', 'item']);
    expect(compiled).toBe(1);
    expect(builtOf(items)[0]?.event?.event_id).toBe('#1001');
  });

  it('traces only when asked', async () => {
    const path = await csvFile([HEADER, '#1001,a@example.com,1,A', '#1002,b@example.com,2,B']);
    expect(builtOf(await collect(path)).every((item) => item.trace === null)).toBe(true);
    const traced = builtOf(await collect(path, compiler(), { trace: true }));
    expect(traced.map((item) => item.trace?.map((entry) => entry.field))).toEqual([['em'], ['em']]);
  });

  it('stops with the signal', async () => {
    const path = await csvFile([HEADER, '#1001,a@example.com,1,A', '#1002,b@example.com,2,B']);
    const controller = new AbortController();
    const seen: FileItem[] = [];
    const run = async () => {
      for await (const item of fileEvents(path, compiler(), { signal: controller.signal })) {
        seen.push(item);
        controller.abort(new Error('stopped by the test'));
      }
    };
    await expect(run()).rejects.toThrow('stopped by the test');
    expect(seen.length).toBeLessThan(2);
  });

  it('passes on the error of a mapping that does not fit the file', async () => {
    const path = await csvFile(['Order,Email', '1,a@example.com']);
    await expect(collect(path)).rejects.toThrow(/Name/);
  });
});

describe('fileEvents on the sample files', () => {
  async function fixture(name: string): Promise<MappingInput> {
    return JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as MappingInput;
  }

  it('reads the Shopify export into one valid event per order', async () => {
    const path = join(SAMPLE_DATA, 'shopify-orders-export.csv');
    const items = await collect(path, compiler(await fixture('shopify-orders-export.json')));
    const built = builtOf(items);
    const text = await readFile(path, 'utf8');
    const orders = new Set(
      text
        .split(/\r?\n/)
        .slice(1)
        .filter((line) => line !== '')
        .map((line) => line.split(',')[0]),
    );
    expect(built).toHaveLength(orders.size);
    expect(built.map((item) => item.event?.event_id ?? item.problems[0]?.code)).toEqual(
      built.map((item) => item.event?.event_id ?? 'missing_match_key'),
    );
    const first = built[0]?.event;
    expect(first).toMatchObject({
      event_id: '#1001',
      event_time: '2026-10-21T23:48:28Z',
      user: {
        em: sha256Hex('hana.dupont1001@example.org'),
        fn: sha256Hex('hana'),
        ln: sha256Hex('dupont'),
        zp: sha256Hex('97201'),
      },
      event_properties: { value: 246.09, currency: 'USD' },
    });
    expect(built[0]).toMatchObject({ firstRow: 2, lastRow: 4 });
    await expectEveryRowAccountedFor(path, items);
  });

  it('reads the CRM export into one event per row', async () => {
    const path = join(SAMPLE_DATA, 'crm-conversions.csv');
    const items = await collect(path, compiler(await fixture('crm-conversions.json'), null));
    const built = builtOf(items);
    expect(built).toHaveLength(200);
    expect(built.every((item) => item.firstRow === item.lastRow)).toBe(true);
    expect(built[0]?.event).toMatchObject({
      event_id: '900000000000007919',
      event_name: 'Purchase',
      conversion_type: 'site_clickthrough',
      // 18:35 in Chicago.
      event_time: '2026-11-15T00:35:00Z',
      user: { em: sha256Hex('dmitri.fischer1@example.com'), zp: sha256Hex('63101') },
    });
    // Every event ID appears once: nothing was merged or sent twice.
    const ids = built.flatMap((item) => (item.event ? [item.event.event_id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    await expectEveryRowAccountedFor(path, items);
  });
});
