import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCsvWriter, neutralizeFormula, toCsvLine } from '../../../electron/csv/write';

import { makeTempDir, readAll } from './temp-files';

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await makeTempDir());
});

afterAll(async () => {
  await removeDir();
});

describe('neutralizeFormula', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['=HYPERLINK("http://x.test","click")', '\'=HYPERLINK("http://x.test","click")'],
    ['\tinvisible', "'\tinvisible"],
    ['\rinvisible', "'\rinvisible"],
    ['  =1+1', "'  =1+1"],
    [' \n@cmd', "' \n@cmd"],
    ['+1 (555) 010-0100', "'+1 (555) 010-0100"],
  ])('defuses %j', (cell, expected) => {
    expect(neutralizeFormula(cell)).toBe(expected);
  });

  it.each(['', 'plain text', 'a=b', 'zoe@example.com', '-12.50', '+15550100', '1e-5', '02134'])(
    'leaves %j alone',
    (cell) => {
      expect(neutralizeFormula(cell)).toBe(cell);
    },
  );
});

describe('toCsvLine', () => {
  it('quotes cells with commas, quotes and line breaks, and defuses formulas', () => {
    expect(toCsvLine(['a', 'b,c', 'say "hi"', 'one\ntwo', 'cr\r', ''])).toBe(
      'a,"b,c","say ""hi""","one\ntwo","cr\r",',
    );
    expect(toCsvLine(['=1,2', '-5'])).toBe(`"'=1,2",-5`);
  });
});

describe('createCsvWriter', () => {
  it('writes UTF-8 with a BOM and CRLF line ends, readable back cell for cell', async () => {
    const path = join(dir, 'rejected.csv');
    const writer = await createCsvWriter(path, ['Row', 'Reason', 'Note']);
    await writer.write(['2', 'email is not valid', 'Zoë, "the" boss']);
    await writer.write(['17', 'row 17 has 14 fields, the header has 12', 'line one\nline two']);
    await writer.close();

    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFRow,Reason,Note\r\n' +
        '2,email is not valid,"Zoë, ""the"" boss"\r\n' +
        '17,"row 17 has 14 fields, the header has 12","line one\nline two"\r\n',
    );

    const back = await readAll(path);
    expect(back.format).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',' });
    expect(back.headers).toEqual(['Row', 'Reason', 'Note']);
    expect(back.rows.map((row) => row.cells)).toEqual([
      ['2', 'email is not valid', 'Zoë, "the" boss'],
      ['17', 'row 17 has 14 fields, the header has 12', 'line one\nline two'],
    ]);
  });

  it('defuses formulas in the header and the cells', async () => {
    const path = join(dir, 'formulas.csv');
    const writer = await createCsvWriter(path, ['=Header']);
    await writer.write(['=cmd|" /C calc"!A0']);
    await writer.close();

    expect(await readFile(path, 'utf8')).toBe(`\uFEFF'=Header\r\n"'=cmd|"" /C calc""!A0"\r\n`);
  });

  it('shows nothing at the path until it is closed, then replaces the old file', async () => {
    const sub = join(dir, 'replace');
    await mkdir(sub);
    const path = join(sub, 'log.csv');
    await writeFile(path, 'old export\r\n');

    const writer = await createCsvWriter(path, ['A']);
    await writer.write(['new']);
    expect(await readFile(path, 'utf8')).toBe('old export\r\n');

    await writer.close();
    expect(await readFile(path, 'utf8')).toBe('\uFEFFA\r\nnew\r\n');
    expect(await readdir(sub)).toEqual(['log.csv']);
  });

  it('leaves no partial file, and the old one untouched, when aborted', async () => {
    const sub = join(dir, 'abort');
    await mkdir(sub);
    const path = join(sub, 'log.csv');
    await writeFile(path, 'old export\r\n');

    const writer = await createCsvWriter(path, ['A']);
    await writer.write(['half']);
    await writer.abort();

    expect(await readdir(sub)).toEqual(['log.csv']);
    expect(await readFile(path, 'utf8')).toBe('old export\r\n');
    await expect(writer.write(['more'])).rejects.toThrow(/already closed/);
  });

  it('leaves no partial file when putting it in place fails', async () => {
    const sub = join(dir, 'fail');
    await mkdir(sub);
    // A non-empty folder where the file should go: the final rename cannot replace it.
    const path = join(sub, 'taken.csv');
    await mkdir(path);
    await writeFile(join(path, 'keep.txt'), 'x');

    const writer = await createCsvWriter(path, ['A']);
    await writer.write(['1']);
    await expect(writer.close()).rejects.toThrow();

    expect(await readdir(sub)).toEqual(['taken.csv']);
    expect(await readdir(path)).toEqual(['keep.txt']);
  });

  it('fails at once when the folder does not exist, creating nothing', async () => {
    const path = join(dir, 'no-such-folder', 'out.csv');
    await expect(createCsvWriter(path, ['A'])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a row with the wrong number of cells', async () => {
    const path = join(dir, 'count.csv');
    const writer = await createCsvWriter(path, ['A', 'B']);
    await expect(writer.write(['only one'])).rejects.toThrow(/1 cells for 2 columns/);
    await writer.write(['1', '2']);
    await writer.close();
    expect(await readFile(path, 'utf8')).toBe('\uFEFFA,B\r\n1,2\r\n');
  });

  it('writes many rows, waiting whenever the disk falls behind', async () => {
    const path = join(dir, 'many.csv');
    const writer = await createCsvWriter(path, ['Row', 'Text']);
    for (let i = 0; i < 50_000; i++) await writer.write([String(i), 'x'.repeat(100)]);
    await writer.close();

    const back = await readAll(path);
    expect(back.rows).toHaveLength(50_000);
    expect(back.rows.at(-1)?.cells[0]).toBe('49999');
  });
});
