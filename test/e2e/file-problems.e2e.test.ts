import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { heading, see, statValue, step } from './flow';
import { MIN_WINDOW, startHarness } from './harness';

import type { Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ name: 'file-problems' });
});

afterAll(async () => {
  await harness?.close();
});

test("problems with a file are said once, in the main process's words, with counts that agree", async () => {
  const { page, workDir } = harness;
  const write = (name: string, content: string): string => {
    const file = path.join(workDir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const browse = async (file: string) => {
    harness.answerChooseFile(file);
    await page.getByRole('button', { name: /^(Browse…|Choose another file…)$/ }).click();
  };
  await step(page, 'Import').click();

  // The message starts with the file's name, which keeps its case.
  await browse(write('empty.csv', ''));
  const refused = await see(
    page.getByRole('alert').filter({ hasText: 'The file could not be opened' }),
  );
  await expect(refused.locator('.notice__body').textContent()).resolves.toBe('empty.csv is empty');

  // Every data row is ragged: they are rows all the same, and the screen says so one way.
  await browse(
    write('ragged.csv', 'Email,Event,Event Time\r\na@example.com,Purchase\r\nb\r\nc,d\r\n'),
  );
  await see(heading(page, 'ragged.csv'));
  await expect(statValue(page, 'File details', 'Rows')).resolves.toBe(3);
  await see(
    page.getByText('None of the first rows could be read (3 rows); the problems above say why.'),
  );
  await expect(page.getByText('The file has a header but no data rows').count()).resolves.toBe(0);
  const problems = page.getByRole('status').filter({ hasText: 'Some rows have problems' });
  const first = problems.getByRole('listitem').first();
  await expect(first.textContent()).resolves.toBe('Row 2has 2 fields, the header has 3');
  await expect(first.locator('.problem-list__where').textContent()).resolves.toBe('Row 2');
  await expect(problems.getByText(/row 2 row 2/i).count()).resolves.toBe(0);
  await harness.capture('import-ragged', [MIN_WINDOW]);

  // One data row is "1 row", not "1 rows".
  await browse(write('one-row.csv', 'Email,Event\r\na@example.com,Purchase\r\n'));
  await see(heading(page, 'one-row.csv'));
  await see(page.getByText('1 row, every cell as text exactly as read'));

  expect(harness.pageErrors).toEqual([]);
});
