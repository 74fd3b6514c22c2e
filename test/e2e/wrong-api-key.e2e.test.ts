import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  addConnection,
  connectionCard,
  see,
  sidebar,
  statValue,
  step,
  testConnection,
} from './flow';
import { MIN_WINDOW, SMALL_DESKTOP, sampleFile, startHarness } from './harness';

import type { Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ name: 'wrong-api-key' });
});

afterAll(async () => {
  await harness?.close();
});

test('a wrong API key ends in a clear message, on the test and on the upload', async () => {
  const { page, sandbox } = harness;
  await addConnection(page, {
    name: 'Wrong key',
    endpoint: sandbox.url,
    apiKey: 'sk_test_not_a_real_key_0000',
  });

  const result = await testConnection(page, 'Wrong key', 'ds_crm');
  const message = (await result.textContent()) ?? '';
  expect(message).toMatch(/API key/i);
  expect(message).toContain('401');
  await harness.capture('connections-test-failed', [SMALL_DESKTOP]);

  // A field the main process refuses is named in words, and the sentence is the main's.
  const tooLong = await testConnection(page, 'Wrong key', `ds_${'x'.repeat(200)}`);
  await expect(tooLong.textContent()).resolves.toBe(
    'Dataset ID: is too long (at most 200 characters)',
  );

  // Without a checked dataset the flow still goes on; the upload is where the key is refused.
  await harness.dropFile(sampleFile('crm-conversions.csv'));
  await page.getByRole('button', { name: 'Continue to mapping' }).click();
  await page.getByLabel('Dataset ID').fill('ds_crm');
  await page.getByRole('button', { name: 'Continue to preview' }).click();
  await see(page.getByRole('heading', { name: 'Invalid rows by reason' }), 30_000);
  await page.getByRole('button', { name: 'Continue to upload' }).click();
  await page.getByRole('button', { name: /^Upload [\d,]+ events…$/ }).click();
  await page
    .getByRole('dialog', { name: 'Upload to Cadent?' })
    .getByRole('button', { name: /^Upload [\d,]+ events$/ })
    .click();

  const stopped = await see(
    page.getByRole('alert').filter({ hasText: 'The upload stopped' }),
    30_000,
  );
  await expect(stopped.textContent()).resolves.toContain('401');
  await harness.capture('upload-refused', [SMALL_DESKTOP]);
  expect(sandbox.storedEvents('ds_crm')).toHaveLength(0);

  // The refused upload can be resumed once the key is put right.
  await page.getByRole('button', { name: 'Upload another file' }).click();
  await step(page, 'Upload').click();
  await see(page.getByText('An upload did not finish'));
  await harness.capture('upload-resume-offer', [MIN_WINDOW]);

  // Put the right key in (the endpoint stays), then resume: every valid event arrives.
  await sidebar(page, 'Connections').click();
  await connectionCard(page, 'Wrong key').getByRole('button', { name: 'Edit' }).click();
  const dialog = await see(page.getByRole('dialog', { name: 'Edit Wrong key' }));
  await expect(dialog.getByLabel('API key').inputValue()).resolves.toBe('');
  await dialog.getByLabel('API key').fill(sandbox.apiKey);
  await harness.capture('connection-edit-dialog');
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await see(connectionCard(page, 'Wrong key').getByText(`••••${sandbox.apiKey.slice(-4)}`));

  await step(page, 'Upload').click();
  await page.getByRole('button', { name: 'Resume' }).click();
  await see(page.getByRole('heading', { name: 'Upload complete' }), 30_000);
  // Resumed against the dataset, whose match key (em) turns away rows without an email.
  const accepted = await statValue(page, 'Upload result', 'Accepted');
  expect(accepted).toBeGreaterThan(150);
  expect(sandbox.storedEvents('ds_crm')).toHaveLength(accepted);
  expect(harness.pageErrors).toEqual([]);
});
