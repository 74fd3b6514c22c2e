import { afterAll, beforeAll, expect, test } from 'vitest';

import { addConnection, heading, see, statValue, testConnection } from './flow';
import { MIN_WINDOW, SMALL_DESKTOP, sampleFile, startHarness } from './harness';

import type { Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ name: 'all-rejected' });
});

afterAll(async () => {
  await harness?.close();
});

test('an upload Cadent rejects in full reads as a failure, and unhashed data is pointed out', async () => {
  const { page, sandbox } = harness;
  await addConnection(page, { name: 'Acme', endpoint: sandbox.url, apiKey: sandbox.apiKey });
  await testConnection(page, 'Acme', 'ds_crm');

  // The test's next step leads to the import.
  await page.getByRole('button', { name: 'Import a file' }).click();
  await see(heading(page, 'Import'));
  harness.answerChooseFile(sampleFile('crm-conversions.csv'));
  await page.getByRole('button', { name: 'Browse…' }).click();
  await see(heading(page, 'crm-conversions.csv'));
  await page.getByRole('button', { name: 'Continue to mapping' }).click();
  await page
    .getByRole('combobox', { name: 'Conversion type', exact: true })
    .selectOption('column:Conversion Type');

  // Emails go out as they are, confirmed: Cadent's contract wants hashes, so it refuses them.
  await page.getByRole('switch', { name: 'Hash Email before sending' }).click();
  await page
    .getByRole('dialog', { name: 'Raw PII would leave this machine' })
    .getByRole('button', { name: 'Send unhashed' })
    .click();

  // A user property from the email column: properties are never hashed, and the Map says so.
  await page.getByRole('button', { name: 'Add user property' }).click();
  await expect(
    page.getByRole('combobox', { name: 'Column of user property 1' }).inputValue(),
  ).resolves.toBe('Email Address');
  const name = page.getByRole('textbox', { name: 'Name of user property 1' });
  const warning =
    '"Email Address" looks like email addresses and would be sent unhashed as the user ' +
    'property "email_address"';
  await see(page.getByText(warning));
  // The warning is the name field's description, so a screen reader reads it with the field.
  const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toContain(warning);
  await harness.scrollTo(page.getByRole('heading', { name: 'User properties' }));
  await harness.capture('map-privacy-warning', [SMALL_DESKTOP, MIN_WINDOW]);

  // The check lists the unhashed emails among its warnings.
  await page.getByRole('button', { name: 'Continue to preview' }).click();
  const warnings = await see(page.getByRole('region', { name: 'Warnings' }), 30_000);
  await see(warnings.getByText(/em goes out unhashed, as confirmed/));
  await see(page.getByRole('region', { name: 'First events' }).getByText('Valid · 1 unhashed'));
  await harness.scrollTo(page.getByRole('heading', { name: 'Warnings' }));
  await harness.capture('preview-unhashed-warning', [MIN_WINDOW]);
  const valid = await statValue(page, 'Check results', 'Valid');

  // The confirmation keeps saying what is hashed, and adds what is not.
  await page.getByRole('button', { name: 'Continue to upload' }).click();
  await page.getByRole('button', { name: /^Upload [\d,]+ events…$/ }).click();
  const confirm = await see(page.getByRole('dialog', { name: 'Upload to Cadent?' }));
  await see(confirm.getByText('Sent unhashed: Email.'));
  await see(confirm.getByText(/This property looks like personal data and goes out unhashed/));
  await see(confirm.getByRole('list', { name: 'Properties sent unhashed' }).getByText(warning));
  await harness.capture('upload-confirm-privacy', [MIN_WINDOW]);
  await confirm.getByRole('button', { name: /^Upload [\d,]+ events$/ }).click();

  // Every event was sent and none accepted: not "Upload complete" in green.
  await see(heading(page, 'Nothing was accepted'), 60_000);
  const notice = await see(page.getByTestId('notice-error'));
  await expect(notice.textContent()).resolves.toContain(
    `Cadent accepted none of the ${valid} events sent`,
  );
  await expect(page.getByTestId('notice-success').count()).resolves.toBe(0);
  await expect(statValue(page, 'Upload result', 'Accepted')).resolves.toBe(0);
  await expect(statValue(page, 'Upload result', 'Rejected by Cadent')).resolves.toBe(valid);
  await harness.capture('upload-all-rejected', [SMALL_DESKTOP, MIN_WINDOW]);

  expect(sandbox.storedEvents('ds_crm')).toHaveLength(0);
  expect(harness.pageErrors).toEqual([]);
});
