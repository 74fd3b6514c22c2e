import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  countCsvRows,
  csvFileFingerprint,
  readCsvHead,
  readCsvRows,
} from '../../../electron/csv/read';
import { CsvError } from '../../../electron/csv/types';

import { makeTempDir, readAll, writeTemp } from './temp-files';

import type { CsvErrorCode } from '../../../electron/csv/types';

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await makeTempDir());
});

afterAll(async () => {
  await removeDir();
});

const SAMPLE_DATA = '/work/shared/data';

describe('encodings', () => {
  const text = 'Email,Name,City\nzoe@example.com,Zoë Müller,Zürich\nj@example.com,José,€ Town\n';
  const expected = [
    ['zoe@example.com', 'Zoë Müller', 'Zürich'],
    ['j@example.com', 'José', '€ Town'],
  ];

  it.each([
    ['UTF-8 without a BOM', Buffer.from(text), { encoding: 'utf-8', bom: false }],
    ['UTF-8 with a BOM', Buffer.from(`\uFEFF${text}`), { encoding: 'utf-8', bom: true }],
    [
      'UTF-16BE with a BOM',
      iconv.encode(`\uFEFF${text}`, 'utf-16be'),
      { encoding: 'utf-16be', bom: true },
    ],
    [
      'UTF-16LE without a BOM',
      iconv.encode(text, 'utf-16le'),
      { encoding: 'utf-16le', bom: false },
    ],
    ['Windows-1252', iconv.encode(text, 'windows-1252'), { encoding: 'windows-1252', bom: false }],
  ])('reads %s', async (_name, bytes, format) => {
    const path = await writeTemp(dir, `enc-${format.encoding}-${format.bom}.csv`, bytes);
    const result = await readAll(path);

    expect(result.format).toMatchObject({ ...format, delimiter: ',' });
    // The BOM must not end up glued to the first column name.
    expect(result.headers).toEqual(['Email', 'Name', 'City']);
    expect(result.rows.map((row) => row.cells)).toEqual(expected);
    expect(result.problems).toEqual([]);
  });

  it('reads Excel’s "Unicode text": UTF-16LE with a BOM, tab-delimited, CRLF', async () => {
    const excel = 'Email\tFirst Name\tZip\r\nzoe@example.com\tZoë\t02134\r\n';
    const path = await writeTemp(
      dir,
      'unicode-text.txt',
      iconv.encode(`\uFEFF${excel}`, 'utf-16le'),
    );

    const result = await readAll(path);
    expect(result.format).toEqual({
      encoding: 'utf-16le',
      bom: true,
      delimiter: '\t',
      sepLine: false,
    });
    expect(result.headers).toEqual(['Email', 'First Name', 'Zip']);
    expect(result.rows).toEqual([{ row: 2, cells: ['zoe@example.com', 'Zoë', '02134'] }]);
  });

  it('reads Windows-1252 whose first accent is far past the sniffed sample', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `user${i}@example.com,Plain Name`);
    const text = `Email,Name\n${rows.join('\n')}\nm@example.com,Müller €\n`;
    const path = await writeTemp(dir, 'late-accent.csv', iconv.encode(text, 'windows-1252'));

    const head = await readCsvHead(path);
    expect(head.format.encoding).toBe('utf-8');

    const result = await readAll(path);
    expect(result.problems).toEqual([]);
    expect(result.rows.at(-1)).toEqual({ row: 5002, cells: ['m@example.com', 'Müller €'] });
  });

  it('reports bytes that are not valid in the file’s encoding, by row and column', async () => {
    const bytes = Buffer.concat([
      Buffer.from('\uFEFFEmail,City\nzoe@example.com,Zürich\nbad@example.com,Z'),
      Buffer.from([0xfc]),
      Buffer.from('rich\nok@example.com,Bern\n'),
    ]);
    const path = await writeTemp(dir, 'invalid-bytes.csv', bytes);

    const result = await readAll(path);
    expect(result.rows.map((row) => row.row)).toEqual([2, 4]);
    expect(result.problems).toEqual([
      {
        kind: 'invalid_bytes',
        row: 3,
        column: 'City',
        message:
          'row 3, column "City": the value has bytes that are not valid UTF-8 text (shown as \uFFFD)',
      },
    ]);
  });
});

describe('files mixing UTF-8 and Windows-1252', () => {
  const filler = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `user${from + i}@example.com,Plain\n`).join('');
  const cp1252 = (text: string) => iconv.encode(text, 'windows-1252');

  it('reads UTF-8 and reports the Windows-1252 rows when both are in the sniffed sample', async () => {
    // The 1252 row first, and the UTF-8 one past the bytes the decoder looks at when deciding.
    const bytes = Buffer.concat([
      Buffer.from(`Email,City\n${filler(0, 10)}`),
      cp1252('e@example.com,Montréal\n'),
      Buffer.from(`${filler(10, 300)}b@example.com,Bogotá\n${filler(310, 10)}`),
    ]);
    expect(bytes.length).toBeLessThan(64 * 1024);
    const path = await writeTemp(dir, 'mixed-in-sample.csv', bytes);

    const result = await readAll(path);
    expect(result.format).toMatchObject({ encoding: 'utf-8', bom: false });
    expect(result.rows.find((row) => row.cells[0] === 'b@example.com')).toEqual({
      row: 313,
      cells: ['b@example.com', 'Bogotá'],
    });
    expect(result.problems).toEqual([
      {
        kind: 'invalid_bytes',
        row: 12,
        column: 'City',
        message:
          'row 12, column "City": the value has bytes that are not valid UTF-8 text (shown as \uFFFD)',
      },
    ]);
    expect(result.rows).toHaveLength(321);
    expect((await readCsvHead(path)).format.encoding).toBe('utf-8');
  });

  it('reads UTF-8 when the mix first shows up past the sample', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`Email,City\n${filler(0, 5000)}`),
      cp1252('e@example.com,Montréal\n'),
      Buffer.from('b@example.com,Bogotá\n'),
    ]);
    const path = await writeTemp(dir, 'mixed-late.csv', bytes);

    const result = await readAll(path);
    expect(result.rows.at(-1)).toEqual({ row: 5003, cells: ['b@example.com', 'Bogotá'] });
    expect(result.problems).toMatchObject([{ kind: 'invalid_bytes', row: 5002 }]);
  });

  it('reports the UTF-8 rows of a file that starts out Windows-1252', async () => {
    const bytes = Buffer.concat([
      cp1252(`Email,City\ne@example.com,Montréal\n${filler(0, 5000)}`),
      Buffer.from('b@example.com,Bogotá\n'),
      cp1252('z@example.com,Zürich\n'),
    ]);
    const path = await writeTemp(dir, 'cp1252-then-utf8.csv', bytes);

    const result = await readAll(path);
    expect(result.format.encoding).toBe('windows-1252');
    expect(result.rows[0]).toEqual({ row: 2, cells: ['e@example.com', 'Montréal'] });
    expect(result.rows.at(-1)).toEqual({ row: 5004, cells: ['z@example.com', 'Zürich'] });
    expect(result.problems).toEqual([
      {
        kind: 'invalid_bytes',
        row: 5003,
        column: 'City',
        message:
          'row 5003, column "City": the value has bytes that are not valid Windows-1252 text, ' +
          'or UTF-8 in a Windows-1252 file (shown as \uFFFD)',
      },
    ]);
  });

  it('still reads a file of only Windows-1252 accents as Windows-1252', async () => {
    const text = `Email,City\n${filler(0, 300)}e@example.com,Montréal\nz@example.com,Zürich €\n`;
    const path = await writeTemp(dir, 'cp1252-only.csv', cp1252(text));

    const result = await readAll(path);
    expect(result.format.encoding).toBe('windows-1252');
    expect(result.problems).toEqual([]);
    expect(result.rows.slice(-2).map((row) => row.cells[1])).toEqual(['Montréal', 'Zürich €']);
  });
});

describe('delimiters and the sep= line', () => {
  it.each([',', ';', '\t', '|'])('reads %j', async (delimiter) => {
    const lines = [
      ['Email', 'Total', 'Note'],
      ['a@example.com', '1234.56', 'x y'],
      ['b@example.com', '7', 'z'],
    ];
    const text = lines.map((cells) => cells.join(delimiter)).join('\n');
    const path = await writeTemp(dir, `delimiter-${delimiter.charCodeAt(0)}.csv`, text);

    const result = await readAll(path);
    expect(result.format.delimiter).toBe(delimiter);
    expect(result.headers).toEqual(lines[0]);
    expect(result.rows.map((row) => row.cells)).toEqual(lines.slice(1));
    expect(result.problems).toEqual([]);
  });

  it('keeps decimal commas in a semicolon file', async () => {
    const path = await writeTemp(
      dir,
      'decimal-commas.csv',
      'Email;Total\na@example.com;1.234,56\n',
    );
    const result = await readAll(path);
    expect(result.rows).toEqual([{ row: 2, cells: ['a@example.com', '1.234,56'] }]);
  });

  it('skips a sep= line without counting it as a row', async () => {
    const path = await writeTemp(dir, 'sep.csv', 'sep=;\r\nEmail;Zip\r\na@example.com;02134\r\n');

    const result = await readAll(path);
    expect(result.format).toEqual({ encoding: 'utf-8', bom: false, delimiter: ';', sepLine: true });
    expect(result.headers).toEqual(['Email', 'Zip']);
    expect(result.rows).toEqual([{ row: 2, cells: ['a@example.com', '02134'] }]);

    const head = await readCsvHead(path);
    expect(head.format.sepLine).toBe(true);
    expect(head.rows).toEqual(result.rows);
  });
});

describe('cells', () => {
  it('reads quoted cells with delimiters, line breaks and escaped quotes as one row each', async () => {
    const text =
      'Name,Note,Size\r\n' +
      '"Jones, Ann","said ""hi""\r\nthen left",5\'10"\r\n' +
      '"Lee","",\r\n' +
      'Bo,"a\nb\rc",x\r\n';
    const path = await writeTemp(dir, 'quoted.csv', text);

    const result = await readAll(path);
    // Line breaks inside quotes come out as LF, whatever they are in the file.
    expect(result.rows).toEqual([
      { row: 2, cells: ['Jones, Ann', 'said "hi"\nthen left', '5\'10"'] },
      { row: 3, cells: ['Lee', '', ''] },
      { row: 4, cells: ['Bo', 'a\nb\nc', 'x'] },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('keeps every cell a string: leading zeros, long IDs, numbers, booleans, dates', async () => {
    const path = await writeTemp(
      dir,
      'strings.csv',
      'Zip,Order ID,Total,Flag,Date,Empty\n02134,900000000000015838,1e5,TRUE,2026-11-14,\n',
    );

    const result = await readAll(path);
    expect(result.rows[0]?.cells).toEqual([
      '02134',
      '900000000000015838',
      '1e5',
      'TRUE',
      '2026-11-14',
      '',
    ]);
  });

  it('reads the same rows whatever the line ends: CRLF, LF or CR only', async () => {
    const lines = ['Email,Zip', 'a@example.com,02134', '"multi\nline",1', 'b@example.com,94105'];
    const results = await Promise.all(
      ['\r\n', '\n', '\r'].map(async (ending, i) =>
        readAll(await writeTemp(dir, `ends-${i}.csv`, lines.join(ending) + ending)),
      ),
    );
    for (const result of results) {
      expect(result.headers).toEqual(['Email', 'Zip']);
      expect(result.rows.map((row) => row.row)).toEqual([2, 3, 4]);
      expect(result.rows[2]?.cells).toEqual(['b@example.com', '94105']);
      expect(result.problems).toEqual([]);
    }
  });
});

describe('mixed line ends', () => {
  it('ends a row at CRLF, LF or a lone CR wherever they mix, quoted line breaks kept', async () => {
    const text =
      'Email,Name\r\n' +
      'a@x.com,A\n' +
      'b@x.com,B\n' +
      'c@x.com,"C\r\nline two"\r' +
      'd@x.com,D\r\n' +
      '\r' +
      'e@x.com,E';
    const path = await writeTemp(dir, 'mixed-ends.csv', text);

    const result = await readAll(path);
    expect(result.headers).toEqual(['Email', 'Name']);
    expect(result.rows).toEqual([
      { row: 2, cells: ['a@x.com', 'A'] },
      { row: 3, cells: ['b@x.com', 'B'] },
      { row: 4, cells: ['c@x.com', 'C\nline two'] },
      { row: 5, cells: ['d@x.com', 'D'] },
      { row: 7, cells: ['e@x.com', 'E'] },
    ]);
    expect(result.problems).toEqual([{ kind: 'blank_row', row: 6, message: 'row 6 is blank' }]);
    expect(await countCsvRows(path)).toEqual({ rows: 5, blankRows: 1, problemRows: 0 });
    const head = await readCsvHead(path);
    expect(head).toMatchObject({ estimatedRowCount: 5, rowCountExact: true });
    expect(head.rows).toEqual(result.rows);
  });

  it('reads LF rows appended to a CRLF file as rows, not as one ragged row', async () => {
    const row = (i: number, end: string) => `user${i}@x.com,Name ${i}${end}`;
    const crlf = Array.from({ length: 100 }, (_, i) => row(i, '\r\n')).join('');
    const lf = Array.from({ length: 3000 }, (_, i) => row(100 + i, '\n')).join('');
    const path = await writeTemp(dir, 'crlf-then-lf.csv', `Email,Name\r\n${crlf}${lf}`);

    expect(await countCsvRows(path)).toEqual({ rows: 3100, blankRows: 0, problemRows: 0 });
    const result = await readAll(path);
    expect(result.problems).toEqual([]);
    expect(result.rows[99]).toEqual({ row: 101, cells: ['user99@x.com', 'Name 99'] });
    expect(result.rows.at(-1)).toEqual({ row: 3101, cells: ['user3099@x.com', 'Name 3099'] });
  });

  it('takes a CR at the end of one chunk and an LF at the start of the next as one line end', async () => {
    // Chunks are 64 KiB; the two long rows put a CRLF astride each of the first two boundaries.
    const chunk = 64 * 1024;
    const header = 'Id,Note\n';
    const long = (id: string, length: number) => `${id},${'x'.repeat(length - id.length - 3)}\r\n`;
    const text = `${header}${long('1', chunk - header.length + 1)}${long('2', chunk)}3,last\n`;
    expect([text.indexOf('\r'), text.lastIndexOf('\r')]).toEqual([chunk - 1, 2 * chunk - 1]);
    const path = await writeTemp(dir, 'crlf-astride.csv', text);

    const result = await readAll(path);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => [row.row, row.cells[0], row.cells[1]?.at(-1)])).toEqual([
      [2, '1', 'x'],
      [3, '2', 'x'],
      [4, '3', 't'],
    ]);
  });

  it('reads the same rows as with one kind of line end, whatever falls on a chunk boundary', async () => {
    const endings = ['\r\n', '\n', '\r'];
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const note = i % 5 === 0 ? `"Zoë ${i}\r\nline ${endings[i % 3]}end"` : `plain ${i} €`;
      lines.push(`${i},${note}${endings[(i * 7) % 3]}`);
    }
    const expected = lines.map((line, i) => [
      `${i}`,
      i % 5 === 0 ? `Zoë ${i}\nline \nend` : `plain ${i} €`,
    ]);
    for (let shift = 0; shift < 6; shift++) {
      const text = `Id${'d'.repeat(shift)},Note\r\n${lines.join('')}`;
      const encoding = shift % 2 === 0 ? 'utf-8' : 'utf-16le';
      const bytes =
        encoding === 'utf-8' ? Buffer.from(text) : iconv.encode(`\uFEFF${text}`, encoding);
      const path = await writeTemp(dir, `mixed-boundaries-${shift}.csv`, bytes);

      const result = await readAll(path);
      expect(result.problems).toEqual([]);
      expect(result.rows.map((row) => row.cells)).toEqual(expected);
      expect(result.rows.at(-1)?.row).toBe(6001);
    }
  });
});

describe('rows that are not rows', () => {
  it('reports ragged rows with their row numbers and never yields them', async () => {
    const text = 'A,B,C\n1,2,3\n1,2,3,4\n1,2\n"x\ny",2,3\n1,2,3\n';
    const path = await writeTemp(dir, 'ragged.csv', text);

    const result = await readAll(path);
    expect(result.rows.map((row) => row.row)).toEqual([2, 5, 6]);
    expect(result.problems).toEqual([
      {
        kind: 'ragged_row',
        row: 3,
        message:
          'row 3 has 4 fields, the header has 3 (a value may contain a comma without quotes around it)',
      },
      { kind: 'ragged_row', row: 4, message: 'row 4 has 2 fields, the header has 3' },
    ]);
    // One record per spreadsheet row, in file order.
    expect(result.order).toEqual(['header', 'row', 'problem', 'problem', 'row', 'row']);
  });

  it('reports blank rows, including rows of only delimiters, but not the final line end', async () => {
    const path = await writeTemp(dir, 'blank.csv', '\nA,B\n1,2\n\n , \n,\n3,4\n\n');

    const result = await readAll(path);
    expect(result.rows).toEqual([
      { row: 3, cells: ['1', '2'] },
      { row: 7, cells: ['3', '4'] },
    ]);
    expect(result.problems.map((problem) => [problem.kind, problem.row])).toEqual([
      ['blank_row', 1],
      ['blank_row', 4],
      ['blank_row', 5],
      ['blank_row', 6],
      ['blank_row', 8],
    ]);
    expect(result.order[0]).toBe('header');
    expect(result.problems[1]?.message).toBe('row 4 is blank');
  });

  it('reports a quote never closed at the end of the file, and what it swallowed', async () => {
    const path = await writeTemp(
      dir,
      'unterminated.csv',
      'A,Note\n1,ok\n2,"never closed\n3,x\n4,y\n',
    );

    const result = await readAll(path);
    expect(result.rows).toEqual([{ row: 2, cells: ['1', 'ok'] }]);
    expect(result.problems).toEqual([
      {
        kind: 'unterminated_quote',
        row: 3,
        column: 'Note',
        message:
          'row 3: a quote that opens a value in column "Note" is never closed, so the rest of the ' +
          'file (3 more lines) was read into it',
      },
    ]);
  });

  it('reports a quoted value followed by stray text', async () => {
    const path = await writeTemp(dir, 'misplaced.csv', 'A,B\n"Big" Shoes,1\n"x",2\n3,4\n');

    const result = await readAll(path);
    expect(result.problems[0]).toMatchObject({ kind: 'unterminated_quote', row: 2 });
    expect(result.problems[0]?.message).toMatch(/misplaced quote/);
    expect(result.rows.map((row) => row.cells)).toContainEqual(['3', '4']);
  });

  it('gives up with a clear error on a record longer than 4 MB, after the rows before it', async () => {
    const runaway = `3,"${'x,y\n'.repeat(1_200_000)}`;
    const path = await writeTemp(dir, 'runaway.csv', `A,B\n1,2\n${runaway}`);
    const rows: number[] = [];

    const reading = (async () => {
      for await (const record of readCsvRows(path)) {
        if (record.kind === 'row') rows.push(record.row.row);
      }
    })();
    await expect(reading).rejects.toMatchObject({
      code: 'unreadable',
      message:
        'runaway.csv cannot be read from row 3 on: that row is longer than 4 MB, most likely ' +
        'because a quote in it is never closed',
    });
    expect(rows).toEqual([2]);
  });
});

describe('headers', () => {
  it('trims names and renames duplicate and empty ones, saying so', async () => {
    const path = await writeTemp(
      dir,
      'headers.csv',
      ' Email ,Name,,Email,Column 3,Email\na,b,c,d,e,f\n',
    );

    const result = await readAll(path);
    expect(result.headers).toEqual([
      'Email',
      'Name',
      'Column 3 (2)',
      'Email (2)',
      'Column 3',
      'Email (3)',
    ]);
    expect(result.problems).toEqual([
      {
        kind: 'empty_header',
        row: null,
        column: 'Column 3 (2)',
        message: 'column 3 (C) has no name in the header; it is called "Column 3 (2)" here',
      },
      {
        kind: 'duplicate_header',
        row: null,
        column: 'Email (2)',
        message:
          'columns 1 (A) and 4 (D) are both named "Email"; column 4 is called "Email (2)" here',
      },
      {
        kind: 'duplicate_header',
        row: null,
        column: 'Email (3)',
        message:
          'columns 1 (A) and 6 (F) are both named "Email"; column 6 is called "Email (3)" here',
      },
    ]);
    expect(result.rows).toEqual([{ row: 2, cells: ['a', 'b', 'c', 'd', 'e', 'f'] }]);
  });

  it('reads a header-only file, with or without a line end', async () => {
    for (const [name, text] of [
      ['header-only-1.csv', 'Email,Name\n'],
      ['header-only-2.csv', 'Email,Name'],
    ] as const) {
      const path = await writeTemp(dir, name, text);
      const result = await readAll(path);
      expect(result.headers).toEqual(['Email', 'Name']);
      expect(result.order).toEqual(['header']);

      const head = await readCsvHead(path);
      expect(head).toMatchObject({ rows: [], estimatedRowCount: 0, rowCountExact: true });
    }
  });
});

describe('files that are not CSV', () => {
  async function expectCsvError(path: string, code: CsvErrorCode, message: RegExp | string) {
    const error = await readAll(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CsvError);
    expect(error).toMatchObject({ code, filePath: path });
    expect((error as CsvError).message).toMatch(message);
    await expect(readCsvHead(path)).rejects.toMatchObject({ code });
    await expect(countCsvRows(path)).rejects.toMatchObject({ code });
  }

  it('rejects an empty file', async () => {
    await expectCsvError(await writeTemp(dir, 'empty.csv', ''), 'empty_file', 'empty.csv is empty');
    await expectCsvError(
      await writeTemp(dir, 'bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf])),
      'empty_file',
      'bom-only.csv is empty',
    );
    await expectCsvError(
      await writeTemp(dir, 'blank-lines.csv', '\r\n\r\n  \r\n'),
      'empty_file',
      'blank-lines.csv is empty: it has only blank lines',
    );
  });

  it('rejects an Excel workbook and random bytes as binary', async () => {
    const xlsx = Buffer.concat([
      Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'),
      Buffer.alloc(200),
    ]);
    await expectCsvError(
      await writeTemp(dir, 'orders.xlsx', xlsx),
      'binary_file',
      /^orders\.xlsx is not a CSV file: it looks like a binary file \(zip\/Excel\)/,
    );

    const noise = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251));
    await expectCsvError(
      await writeTemp(dir, 'noise.csv', noise),
      'binary_file',
      'noise.csv is not a CSV file: it looks like a binary file (it contains NUL bytes)',
    );
  });

  it('rejects a missing path and a folder', async () => {
    const missing = join(dir, 'nope', 'missing.csv');
    await expectCsvError(missing, 'not_found', `missing.csv was not found at ${missing}`);
    await expect(csvFileFingerprint(missing)).rejects.toMatchObject({ code: 'not_found' });

    const folder = join(dir, 'exports.csv');
    await mkdir(folder);
    await expectCsvError(folder, 'not_a_file', 'exports.csv is a folder, not a CSV file');
  });

  it('rejects a header whose quote is never closed', async () => {
    await expectCsvError(
      await writeTemp(dir, 'bad-header.csv', 'Email,"Name\na,b\n'),
      'no_header',
      /bad-header\.csv has no readable header row: a quote in row 1 is never closed/,
    );
  });
});

describe('readCsvHead', () => {
  it('returns the header, the first rows and the problems among them', async () => {
    const lines = ['Email,Zip', ...Array.from({ length: 40 }, (_, i) => `u${i}@example.com,0${i}`)];
    lines[3] = 'ragged,row,here';
    lines[30] = 'late,ragged,row';
    const path = await writeTemp(dir, 'head.csv', lines.join('\n'));

    const head = await readCsvHead(path, { maxRows: 5 });
    expect(head).toMatchObject({
      filePath: path,
      fileName: 'head.csv',
      sizeBytes: (await readFile(path)).length,
      headers: ['Email', 'Zip'],
      estimatedRowCount: 40,
      rowCountExact: true,
    });
    expect(head.rows.map((row) => row.row)).toEqual([2, 3, 5, 6, 7]);
    // The late ragged row is past the rows shown, so it is left for the full pass.
    expect(head.problems.map((problem) => problem.row)).toEqual([4]);
  });

  it('lists the header problems first', async () => {
    const path = await writeTemp(dir, 'head-problems.csv', '\nA,A\n1,2\n\n3,4\n');
    const head = await readCsvHead(path);
    expect(head.problems.map((problem) => [problem.kind, problem.row])).toEqual([
      ['duplicate_header', null],
      ['blank_row', 1],
      ['blank_row', 4],
    ]);
    expect(head.estimatedRowCount).toBe(2);
  });
});

describe('the sample files', () => {
  it('reads crm-conversions.csv completely', async () => {
    const path = join(SAMPLE_DATA, 'crm-conversions.csv');
    const result = await readAll(path);

    expect(result.format).toEqual({
      encoding: 'utf-8',
      bom: false,
      delimiter: ',',
      sepLine: false,
    });
    expect(result.headers).toEqual([
      'Email Address',
      'First Name',
      'Last Name',
      'Date of Birth',
      'Gender',
      'City',
      'State',
      'Zip Code',
      'Country',
      'Customer ID',
      'Event',
      'Event Time',
      'Conversion Type',
      'Order Total',
      'Currency',
      'Order ID',
    ]);
    expect(result.rows).toHaveLength(200);
    expect(result.problems).toEqual([]);
    expect(result.rows.at(-1)?.row).toBe(201);
    expect(result.rows.every((row) => row.cells.length === 16)).toBe(true);
    // Newark, NJ: the leading zero of the zip code and all 18 digits of the order ID survive.
    expect(result.rows[3]?.cells[7]).toBe('07102');
    expect(result.rows[3]?.cells[15]).toBe('900000000000031676');

    expect(await countCsvRows(path)).toEqual({ rows: 200, blankRows: 0, problemRows: 0 });
    const head = await readCsvHead(path);
    expect(head).toMatchObject({ estimatedRowCount: 200, rowCountExact: true });
    expect(head.rows).toEqual(result.rows.slice(0, 20));
  });

  it('reads shopify-orders-export.csv completely', async () => {
    const path = join(SAMPLE_DATA, 'shopify-orders-export.csv');
    const result = await readAll(path);

    expect(result.headers).toHaveLength(19);
    expect(result.headers.slice(0, 3)).toEqual(['Name', 'Email', 'Financial Status']);
    expect(result.rows).toHaveLength(110);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]?.cells[17]).toBe('6634244375001');
    expect(await countCsvRows(path)).toEqual({ rows: 110, blankRows: 0, problemRows: 0 });
  });
});

describe('streaming', () => {
  it('reads exactly what a whole-file parse reads, whatever falls on a chunk boundary', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const note = i % 3 === 0 ? `"Zoë ${i}, ""quoted""\r\n😀 line"` : `plain ${i} €`;
      lines.push(`${i},${note},${(i * 1.5).toFixed(2)}`);
    }
    // Shifting the text by a few characters moves every chunk boundary: into a CRLF, an escaped
    // quote, a multi-byte character, a surrogate pair.
    for (let shift = 0; shift < 8; shift++) {
      const text = `Id${'d'.repeat(shift)},Note,Amount\r\n${lines.join('\r\n')}\r\n`;
      const lf = text.trimEnd().replaceAll('\r\n', '\n');
      const expected = Papa.parse<string[]>(lf, { newline: '\n' }).data.slice(1);
      const encoding = shift % 2 === 0 ? 'utf-8' : 'utf-16le';
      const bytes =
        encoding === 'utf-8' ? Buffer.from(text) : iconv.encode(`\uFEFF${text}`, encoding);
      const path = await writeTemp(dir, `boundaries-${shift}.csv`, bytes);

      const result = await readAll(path);
      expect(result.format.encoding).toBe(encoding);
      expect(result.problems).toEqual([]);
      expect(result.rows.map((row) => row.cells)).toEqual(expected);
      expect(result.rows.at(-1)?.row).toBe(6001);
    }
  });

  it('stops with the signal’s reason when aborted', async () => {
    const path = await writeTemp(dir, 'abort.csv', `A\n${'x\n'.repeat(100_000)}`);
    const controller = new AbortController();
    let seen = 0;

    const reading = (async () => {
      for await (const record of readCsvRows(path, { signal: controller.signal })) {
        if (record.kind === 'row' && ++seen === 10) controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBe(10);
  });

  it('closes the file when the caller stops early', async () => {
    const path = await writeTemp(dir, 'early.csv', `A\n${'x\n'.repeat(100_000)}`);
    for await (const record of readCsvRows(path)) {
      if (record.kind === 'row') break;
    }
    // Nothing to assert on the handle itself; reading the file again must still work.
    expect((await countCsvRows(path)).rows).toBe(100_000);
  });

  it('honours a given format instead of sniffing', async () => {
    const path = await writeTemp(dir, 'given.csv', 'A;B\n1;2\n');
    const result = await readAll(path, {
      format: { encoding: 'utf-8', bom: false, delimiter: ',', sepLine: false },
    });
    expect(result.headers).toEqual(['A;B']);
  });
});

describe('countCsvRows', () => {
  it('counts data rows, blank rows and rows with problems, with progress', async () => {
    const path = await writeTemp(dir, 'count.csv', `A,B\n${'1,2\n'.repeat(30_000)}\n1,2,3\n`);
    const progress: number[] = [];

    const count = await countCsvRows(path, undefined, (p) => progress.push(p.bytesRead));
    expect(count).toEqual({ rows: 30_001, blankRows: 1, problemRows: 1 });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe((await readFile(path)).length);
  });
});

describe('csvFileFingerprint', () => {
  it('is the size and SHA-256 of the bytes', async () => {
    const bytes = Buffer.from(`A,B\n${'1,2\n'.repeat(50_000)}`);
    const path = await writeTemp(dir, 'fingerprint.csv', bytes);
    expect(await csvFileFingerprint(path)).toEqual({
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });
});
