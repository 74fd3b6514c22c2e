import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { heading, see, sidebar, statValue, testConnection } from './flow';
import { MIN_WINDOW, SMALL_DESKTOP, sampleFile, startHarness } from './harness';

import type { Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ name: 'happy-path' });
});

afterAll(async () => {
  await harness?.close();
});

test('a CRM export goes from the file to the sandbox, and every request is in the log', async () => {
  const { page, sandbox } = harness;

  await see(heading(page, 'No connection yet'));
  await harness.capture('connections-empty', [SMALL_DESKTOP, MIN_WINDOW]);

  // Connect.
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  const dialog = await see(page.getByRole('dialog', { name: 'Add connection' }));
  await dialog.getByLabel('Name').fill('Acme sandbox');
  await dialog.getByLabel('Endpoint URL').fill(sandbox.url);
  await dialog.getByLabel('API key').fill(sandbox.apiKey);
  await harness.capture('connection-dialog');
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await dialog.waitFor({ state: 'detached' });

  const card = page.getByRole('article', { name: 'Acme sandbox' });
  await see(card.getByText(`••••${sandbox.apiKey.slice(-4)}`));
  const result = await testConnection(page, 'Acme sandbox', 'ds_crm');
  await expect(result.textContent()).resolves.toMatch(/CRM conversions.*match key Email \(em\)/);
  // The connection works: the next step is offered where the user is.
  await see(card.getByRole('button', { name: 'Import a file' }));
  await harness.capture('connections', [SMALL_DESKTOP, MIN_WINDOW]);

  // A smaller batch size, so the upload below is several batches.
  await sidebar(page, 'Settings').click();
  await page.getByText('Advanced').click();
  const batchSize = page.getByLabel('Batch size (events per request)');
  // A wrong value is said in the error colour, not in the help text's grey.
  await batchSize.fill('0');
  const error = await see(page.getByText('A whole number from 1 to 1000.'));
  const colors = await error.evaluate((element) => {
    const probe = document.createElement('span');
    probe.className = 'text-error';
    document.body.append(probe);
    const wanted = getComputedStyle(probe).color;
    probe.remove();
    return { shown: getComputedStyle(element).color, wanted };
  });
  expect(colors.shown).toBe(colors.wanted);
  await harness.capture('settings-error');
  await batchSize.fill('40');
  await harness.capture('settings');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await see(page.getByText('Settings saved'));

  // Drop the file anywhere on the window.
  await harness.dragFileOver(sampleFile('crm-conversions.csv'));
  await see(page.getByText('Drop the CSV file to open it'));
  await harness.capture('drop-overlay');
  await harness.dropFile(sampleFile('crm-conversions.csv'));
  await see(heading(page, 'crm-conversions.csv'));
  await see(page.getByText('UTF-8'));
  await see(page.getByRole('region', { name: 'First rows of the file' }).getByText('CUST-10001'));
  await harness.capture('import', [SMALL_DESKTOP, MIN_WINDOW]);

  // Map: accept the suggestions, set the conversion type.
  await page.getByRole('button', { name: 'Continue to mapping' }).click();
  await see(heading(page, 'Map'));
  await see(page.getByText('Match key · required'));
  const conversionType = page.getByRole('combobox', { name: 'Conversion type', exact: true });
  await conversionType.selectOption('column:Conversion Type');
  await expect(page.getByRole('combobox', { name: 'Column for Email' }).inputValue()).resolves.toBe(
    'Email Address',
  );
  await harness.capture('map', [SMALL_DESKTOP, MIN_WINDOW]);

  // Hashing off on raw emails asks first; keeping it on changes nothing.
  await page.getByRole('switch', { name: 'Hash Email before sending' }).click();
  const confirm = await see(page.getByRole('dialog', { name: 'Raw PII would leave this machine' }));
  await harness.capture('map-unhashed-dialog');
  await confirm.getByRole('button', { name: 'Keep hashing' }).click();
  await expect(
    page.getByRole('switch', { name: 'Hash Email before sending' }).isChecked(),
  ).resolves.toBe(true);

  await harness.scrollTo(page.getByRole('heading', { name: 'Identity fields' }));
  await harness.capture('map-identity', [SMALL_DESKTOP, MIN_WINDOW]);
  await harness.scrollTo(page.getByRole('heading', { name: 'Event properties' }));
  await harness.capture('map-properties', [SMALL_DESKTOP, MIN_WINDOW]);

  // Preview: the first events, a trace, and the full-file check.
  await page.getByRole('button', { name: 'Continue to preview' }).click();
  await see(heading(page, 'First events'));
  const events = page.getByRole('region', { name: 'First events' });
  await see(events.getByText('900000000000007919'));
  await see(page.getByRole('heading', { name: 'Invalid rows by reason' }), 30_000);
  await harness.capture('preview', [SMALL_DESKTOP, MIN_WINDOW]);
  await events.getByRole('row').nth(3).click();
  await see(heading(page, 'Trace of row 4'));
  await harness.scrollTo(page.getByRole('heading', { name: 'Trace of row 4' }));
  await harness.capture('preview-trace', [SMALL_DESKTOP, MIN_WINDOW]);
  await page.getByRole('tab', { name: 'JSON' }).click();
  await see(page.getByLabel('Request body'));
  await harness.scrollTo(page.getByRole('heading', { name: 'First events' }));
  await harness.capture('preview-json', [SMALL_DESKTOP, MIN_WINDOW]);
  await harness.scrollTo(page.getByRole('heading', { name: 'Full-file check' }));
  await harness.capture('preview-check', [SMALL_DESKTOP, MIN_WINDOW]);

  const valid = await statValue(page, 'Check results', 'Valid');
  const invalid = await statValue(page, 'Check results', 'Invalid');
  expect(valid).toBeGreaterThan(150);
  expect(invalid).toBeGreaterThan(0);

  // Upload, slowly enough to watch it, with one retry.
  await page.getByRole('button', { name: 'Continue to upload' }).click();
  await see(heading(page, 'What will be sent'));
  await harness.capture('upload', [SMALL_DESKTOP, MIN_WINDOW]);
  await page.getByRole('button', { name: /^Upload [\d,]+ events…$/ }).click();
  const confirmUpload = await see(page.getByRole('dialog', { name: 'Upload to Cadent?' }));
  await harness.capture('upload-confirm');
  sandbox.setFaults({ slowRate: 1, slowMs: 1200, failFirst: 1 });
  await confirmUpload.getByRole('button', { name: /^Upload [\d,]+ events$/ }).click();
  await see(heading(page, 'Uploading…'));
  // Every batch takes 1.2 s to answer: until one is confirmed there is no rate to show.
  const rate = page.locator('dl[aria-label="Upload progress"] .stat').filter({ hasText: 'Rate' });
  await expect(rate.locator('.stat__value').textContent()).resolves.toBe('—');
  await see(rate.getByText('once Cadent confirms a batch'));
  await see(page.getByText('Retries').locator('..').getByText('1'));
  await harness.capture('upload-progress', [SMALL_DESKTOP, MIN_WINDOW]);
  await see(heading(page, 'Upload complete'), 60_000);
  // Some rows were invalid: a warning, headlined by what Cadent holds.
  await see(
    page.getByTestId('notice-warning').getByText(`Cadent holds ${valid} events of this file`),
  );
  await harness.capture('upload-result', [SMALL_DESKTOP, MIN_WINDOW]);

  // The sandbox holds exactly the accepted events, all hashed.
  const stored = sandbox.storedEvents('ds_crm') as Array<{ user: Record<string, string> }>;
  expect(stored.length).toBe(valid);
  await expect(statValue(page, 'Upload result', 'Accepted')).resolves.toBe(valid);
  await expect(statValue(page, 'Upload result', 'Invalid here')).resolves.toBe(invalid);
  for (const event of stored) {
    for (const value of Object.values(event.user)) expect(value).toMatch(/^[0-9a-f]{64}$/);
  }

  // The rows that were not sent, as CSV.
  const rejectedFile = path.join(harness.workDir, 'rejected.csv');
  harness.answerSavePath(rejectedFile);
  await page.getByRole('button', { name: 'Export rejected rows…' }).click();
  await see(page.getByText(rejectedFile));
  expect(fs.readFileSync(rejectedFile, 'utf8')).toContain('missing_match_key');

  // The request log: the test, the 503 and its retry, every batch.
  await page.getByRole('button', { name: 'View in request log' }).click();
  await see(heading(page, 'Request log'));
  const requests = page.getByRole('region', { name: 'Requests' });
  await see(requests.getByText('503'));
  await harness.capture('log', [SMALL_DESKTOP, MIN_WINDOW]);
  await requests.getByRole('row').nth(1).click();
  await see(page.getByRole('heading', { name: /^Request \d+$/ }));
  await see(page.getByLabel('Response body'));
  await harness.capture('log-detail', [SMALL_DESKTOP, MIN_WINDOW]);

  // Opened on this upload's requests: every one but the connection test's.
  const sent = sandbox.requests.filter((request) => request.path.startsWith('/v1/')).length;
  await see(page.getByText(`1–${sent - 1} of ${sent - 1}`));
  await page.getByLabel('Status').selectOption('error');
  await see(page.getByText(/^1–1 of 1$/));
  // A range that ends before it starts says so, rather than only "no request matches".
  await page.getByLabel('From').fill('2026-12-05');
  await page.getByLabel('To').fill('2026-12-01');
  await see(heading(page, 'From is after To'));
  await see(page.getByRole('alert').getByText('From is after To.'));
  await harness.capture('log-reversed-range', [MIN_WINDOW]);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await see(page.getByText(`1–${sent} of ${sent}`));

  const logFile = path.join(harness.workDir, 'log.json');
  harness.answerSavePath(logFile);
  await page.getByRole('button', { name: 'Export JSON…' }).click();
  await see(page.getByText(logFile));
  expect(JSON.parse(fs.readFileSync(logFile, 'utf8'))).toHaveLength(sent);

  // The next export with the same headers finds the mapping saved on the way to the preview.
  await harness.dropFile(sampleFile('crm-conversions.csv'));
  await page.getByRole('button', { name: 'Continue to mapping' }).click();
  await page.getByRole('button', { name: 'Use the mapping saved for these headers' }).click();
  await see(page.getByText('Using the mapping saved for these headers'));

  // A Shopify export: one row per line item, names in "Billing Name".
  await harness.dropFile(sampleFile('shopify-orders-export.csv'));
  await page.getByRole('button', { name: 'Continue to mapping' }).click();
  await see(page.getByRole('checkbox', { name: 'Split from a full name (take the first part)' }));
  await expect(page.getByLabel('Group rows by').inputValue()).resolves.toBe('Name');
  await harness.scrollTo(page.getByRole('heading', { name: 'Identity fields' }));
  await harness.capture('map-shopify', [SMALL_DESKTOP, MIN_WINDOW]);
  // One type for every event, with the longest option labels there are.
  await page
    .getByRole('combobox', { name: 'Conversion type', exact: true })
    .selectOption('type:online_purchase');
  await harness.scrollTo(page.getByRole('heading', { name: 'Event', exact: true }));
  await harness.capture('map-shopify-event', [SMALL_DESKTOP, MIN_WINDOW]);

  // A property's name follows its column until the user types a name of their own.
  await page.getByRole('button', { name: 'Add event property' }).click();
  const column = page.getByRole('combobox', { name: 'Column of event property 3' });
  const name = page.getByRole('textbox', { name: 'Name of event property 3' });
  await expect(name.inputValue()).resolves.toBe('financial_status');
  await column.selectOption('Source');
  await expect(name.inputValue()).resolves.toBe('source');
  await name.fill('channel');
  await column.selectOption('Paid at');
  await expect(name.inputValue()).resolves.toBe('channel');
  await harness.scrollTo(page.getByRole('heading', { name: 'Event properties' }));
  await harness.capture('map-shopify-properties', [SMALL_DESKTOP, MIN_WINDOW]);
  await page.getByRole('button', { name: 'Remove event property channel' }).click();

  // Grouped by order, the check counts events (orders), not rows.
  await page.getByRole('button', { name: 'Continue to preview' }).click();
  await see(page.getByRole('heading', { name: 'Invalid events by reason' }), 30_000);
  await expect(statValue(page, 'Check results', 'Invalid events')).resolves.toBe(6);
  await see(page.getByText('one per “Name”'));
  await expect(statValue(page, 'Check results', 'Rows')).resolves.toBe(110);
  const reasons = page.getByRole('region', { name: 'Invalid events by reason' });
  await see(reasons.getByText('6 events', { exact: true }));
  await see(reasons.getByText(/starting at rows 14, 34/));
  await harness.scrollTo(page.getByRole('heading', { name: 'Full-file check' }));
  await harness.capture('preview-shopify-check', [MIN_WINDOW]);

  expect(harness.pageErrors).toEqual([]);
});
