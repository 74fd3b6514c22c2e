import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { addConnection, heading, see, sidebar, step, testConnection } from './flow';
import { MIN_WINDOW, SMALL_DESKTOP, startHarness } from './harness';

import type { Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ name: 'no-usable-rows' });
});

afterAll(async () => {
  await harness?.close();
});

test('a file without one usable row ends in a clear message, and nothing is sent', async () => {
  const { page, sandbox } = harness;
  // The dataset's match key is the email, and no row has one Cadent would take.
  const file = path.join(harness.workDir, 'no-emails.csv');
  fs.writeFileSync(
    file,
    [
      'Email Address,Event,Event Time,Conversion Type',
      'not-an-email,Purchase,2026-11-14 18:35,online_purchase',
      ',Purchase,2026-11-15 10:00,online_purchase',
      'n/a,Purchase,2026-11-16 10:00,phone_call',
    ].join('\r\n'),
  );

  // Before anything is open, every screen says what would be there and how to get it.
  for (const [where, name] of [
    [step(page, 'Import'), 'import-empty'],
    [step(page, 'Map'), 'map-empty'],
    [step(page, 'Preview'), 'preview-empty'],
    [step(page, 'Upload'), 'upload-empty'],
    [sidebar(page, 'Request log'), 'log-empty'],
  ] as const) {
    await where.click();
    await see(page.locator('.empty-state'));
    await harness.capture(name);
  }

  await addConnection(page, { name: 'No rows', endpoint: sandbox.url, apiKey: sandbox.apiKey });
  await testConnection(page, 'No rows', 'ds_crm');

  // Browse instead of a drop: the test answers the file picker.
  await step(page, 'Import').click();
  harness.answerChooseFile(file);
  await page.getByRole('button', { name: 'Browse…' }).click();
  await see(heading(page, 'no-emails.csv'));
  await page.getByRole('button', { name: 'Continue to mapping' }).click();
  // No value looks like an email, so nothing was proposed for the match key: map it by hand.
  await see(page.getByText("the dataset's match key em is not mapped to a column"));
  await page.getByRole('combobox', { name: 'Column for Email' }).selectOption('Email Address');
  await page.getByRole('button', { name: 'Continue to preview' }).click();

  const notice = await see(
    page.getByRole('alert').filter({ hasText: 'No row of this file can be sent' }),
    30_000,
  );
  await expect(notice.textContent()).resolves.toContain('All 3 events are invalid');
  await see(page.getByText("no usable email (em), the dataset's match key"));
  await expect(page.getByRole('button', { name: 'Continue to upload' }).isDisabled()).resolves.toBe(
    true,
  );
  await harness.scrollTo(page.getByRole('heading', { name: 'Full-file check' }));
  await harness.capture('preview-no-valid-rows', [SMALL_DESKTOP, MIN_WINDOW]);

  await step(page, 'Upload').click();
  await see(page.getByRole('alert').filter({ hasText: 'No row of this file can be sent' }));
  await expect(page.getByRole('button', { name: 'Upload 0 events…' }).isDisabled()).resolves.toBe(
    true,
  );
  await harness.capture('upload-no-valid-rows');

  expect(sandbox.storedEvents('ds_crm')).toHaveLength(0);
  expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  expect(harness.pageErrors).toEqual([]);
});
