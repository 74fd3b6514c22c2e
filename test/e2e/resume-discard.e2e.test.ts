import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { addConnection, focusedName, heading, see, step } from './flow';
import { MIN_WINDOW, sampleFile, startHarness } from './harness';

import type { Harness } from './harness';
import type { Page } from 'playwright-core';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ name: 'resume-discard' });
});

afterAll(async () => {
  await harness?.close();
});

/** Starts an upload from the Upload step; the wrong key stops it before any batch. */
async function uploadAndBeRefused(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Upload [\d,]+ events…$/ }).click();
  await page
    .getByRole('dialog', { name: 'Upload to Cadent?' })
    .getByRole('button', { name: /^Upload [\d,]+ events$/ })
    .click();
  await see(page.getByRole('alert').filter({ hasText: 'The upload stopped' }), 30_000);
  await page.getByRole('button', { name: 'Upload another file' }).click();
  await step(page, 'Upload').click();
}

test('an unfinished upload can be discarded, and a changed file is said in words', async () => {
  const { page, sandbox, store } = harness;
  const file = path.join(harness.workDir, 'orders.csv');
  fs.copyFileSync(sampleFile('crm-conversions.csv'), file);
  await addConnection(page, {
    name: 'Wrong key',
    endpoint: sandbox.url,
    apiKey: 'sk_test_not_a_real_key_0000',
  });

  await step(page, 'Import').click();
  harness.answerChooseFile(file);
  await page.getByRole('button', { name: 'Browse…' }).click();
  await see(heading(page, 'orders.csv'));
  await page.getByRole('button', { name: 'Continue to mapping' }).click();
  await page.getByLabel('Dataset ID').fill('ds_crm');
  await page.getByRole('button', { name: 'Continue to preview' }).click();
  await see(page.getByRole('heading', { name: 'Invalid rows by reason' }), 30_000);
  await page.getByRole('button', { name: 'Continue to upload' }).click();
  await uploadAndBeRefused(page);

  // The file changes before the resume: the refusal names the file and the reason.
  fs.appendFileSync(file, '\r\nlate@example.com,Late,Row,,,,,,,,Purchase,2026-11-20 10:00,,,,');
  const offer = await see(page.getByRole('status').filter({ hasText: 'An upload did not finish' }));
  await offer.getByRole('button', { name: 'Resume the upload of orders.csv' }).click();
  const refused = await see(
    page.getByRole('alert').filter({ hasText: 'The upload cannot be resumed' }),
    30_000,
  );
  await expect(refused.textContent()).resolves.toContain(
    'orders.csv: its content changed since the upload started',
  );
  await harness.capture('upload-resume-file-changed', [MIN_WINDOW]);

  // Discarding asks first, and says what stays.
  await refused.getByRole('button', { name: 'Discard' }).click();
  const dialog = await see(page.getByRole('dialog', { name: 'Discard this upload?' }));
  await see(
    dialog.getByText(/^It will not be resumed; what Cadent accepted stays \(0 events\)\.$/),
  );
  await harness.capture('upload-discard-dialog');
  await dialog.getByRole('button', { name: 'Discard upload' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('An upload did not finish').waitFor({ state: 'detached' });
  await expect(page.getByText('The upload cannot be resumed').count()).resolves.toBe(0);
  await expect.poll(() => focusedName(page)).toBe('Upload');
  expect(store.uploads.list({ limit: 10 }).map((upload) => upload.status)).toEqual(['failed']);

  // Another refused upload of the same file, discarded from the offer this time.
  await uploadAndBeRefused(page);
  const second = await see(
    page.getByRole('status').filter({ hasText: 'An upload did not finish' }),
  );
  await expect(second.getByRole('listitem').count()).resolves.toBe(1);
  await second.getByRole('button', { name: 'Discard the upload of orders.csv' }).click();
  const again = await see(page.getByRole('dialog', { name: 'Discard this upload?' }));
  await again.getByRole('button', { name: 'Keep it' }).click();
  await again.waitFor({ state: 'detached' });
  await see(second.getByRole('button', { name: 'Resume the upload of orders.csv' }));
  await second.getByRole('button', { name: 'Discard the upload of orders.csv' }).click();
  await page
    .getByRole('dialog', { name: 'Discard this upload?' })
    .getByRole('button', { name: 'Discard upload' })
    .click();
  await page.getByText('An upload did not finish').waitFor({ state: 'detached' });
  expect(store.uploads.list({ limit: 10 }).every((upload) => upload.status === 'failed')).toBe(
    true,
  );

  expect(sandbox.storedEvents('ds_crm')).toHaveLength(0);
  expect(harness.pageErrors).toEqual([]);
});
