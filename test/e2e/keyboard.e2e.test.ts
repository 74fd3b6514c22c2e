import { afterAll, beforeAll, expect, test } from 'vitest';

import { focusedName, heading, see, tabTo } from './flow';
import { sampleFile, startHarness } from './harness';

import type { Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ name: 'keyboard' });
});

afterAll(async () => {
  await harness?.close();
});

test('the main flow works from the keyboard alone', async () => {
  const { page, sandbox, keyboard } = { ...harness, keyboard: harness.page.keyboard };

  // A dialog keeps focus inside and closes on Escape.
  await tabTo(page, 'Add connection');
  await keyboard.press('Enter');
  const dialog = await see(page.getByRole('dialog', { name: 'Add connection' }));
  await expect(focusedName(page)).resolves.toBe('Name');
  await keyboard.press('Shift+Tab');
  await expect(focusedName(page)).resolves.toBe('Cancel');
  await keyboard.press('Tab');
  await expect(focusedName(page)).resolves.toBe('Name');
  await keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expect(focusedName(page)).resolves.toBe('Add connection');

  await keyboard.press('Enter');
  await see(page.getByRole('dialog', { name: 'Add connection' }));
  await keyboard.type('Keyboard');
  await keyboard.press('Tab');
  await keyboard.type(sandbox.url);
  await keyboard.press('Tab');
  await keyboard.type(sandbox.apiKey);
  await keyboard.press('Enter');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await tabTo(page, 'Dataset ID');
  await keyboard.type('ds_crm');
  await keyboard.press('Enter');
  await see(page.getByText('Connected to'));

  await tabTo(page, 'Import', { backwards: true });
  await keyboard.press('Enter');
  harness.answerChooseFile(sampleFile('crm-conversions.csv'));
  await tabTo(page, 'Browse…');
  await keyboard.press('Enter');
  await see(heading(page, 'crm-conversions.csv'));

  await tabTo(page, 'Continue to mapping');
  await keyboard.press('Enter');
  await see(heading(page, 'Map'));
  await tabTo(page, 'Continue to preview', { limit: 200 });
  await keyboard.press('Enter');
  await see(page.getByRole('heading', { name: 'Invalid rows by reason' }), 30_000);

  // Rows of the preview are picked with the arrow keys.
  await tabTo(page, 'Row 2: valid');
  await keyboard.press('ArrowDown');
  await see(heading(page, 'Trace of row 3'));

  await tabTo(page, 'Continue to upload', { limit: 200 });
  await keyboard.press('Enter');
  await tabTo(page, /^Upload [\d,]+ events…$/);
  await keyboard.press('Enter');
  await see(page.getByRole('dialog', { name: 'Upload to Cadent?' }));
  await expect(focusedName(page)).resolves.toMatch(/^Upload [\d,]+ events$/);
  await keyboard.press('Enter');
  await see(heading(page, 'Upload complete'), 60_000);
  expect(sandbox.storedEvents('ds_crm').length).toBeGreaterThan(150);
  expect(harness.pageErrors).toEqual([]);
});
