import { afterAll, beforeAll, expect, test } from 'vitest';

import { focusedName, heading, see, tabTo } from './flow';
import { MIN_WINDOW, sampleFile, startHarness } from './harness';

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
  // The button that opened the dialog is gone (the empty state was replaced by the list):
  // focus goes to the saved connection, not back to the top of the window.
  await expect.poll(() => focusedName(page)).toBe('Keyboard');

  await tabTo(page, 'Dataset ID');
  await keyboard.type('ds_crm');
  await keyboard.press('Enter');
  await see(page.getByText('Connected to'));

  // The next step is offered after the test; every screen change puts focus on its heading.
  await tabTo(page, /^Import a file/);
  await keyboard.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Import');
  harness.answerChooseFile(sampleFile('crm-conversions.csv'));
  await tabTo(page, 'Browse…');
  await keyboard.press('Enter');
  await see(heading(page, 'crm-conversions.csv'));
  await expect.poll(() => focusedName(page)).toBe('crm-conversions.csv');

  await tabTo(page, 'Continue to mapping');
  await keyboard.press('Enter');
  await see(heading(page, 'Map'));
  await expect.poll(() => focusedName(page)).toBe('Map');
  await tabTo(page, 'Continue to preview', { limit: 200 });
  await keyboard.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Preview');
  await see(page.getByRole('heading', { name: 'Invalid rows by reason' }), 30_000);

  // Table and JSON are one tab stop; the arrow keys move between them.
  await tabTo(page, 'Table');
  await keyboard.press('ArrowRight');
  await expect(focusedName(page)).resolves.toBe('JSON');
  await see(page.getByLabel('Request body'));
  await keyboard.press('ArrowLeft');
  await expect(focusedName(page)).resolves.toBe('Table');
  await expect(
    page.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected'),
  ).resolves.toBe('true');
  await keyboard.press('Tab');
  await expect(focusedName(page)).resolves.not.toBe('JSON');

  // Rows of the preview are picked with the arrow keys.
  await tabTo(page, 'Row 2: valid');
  await keyboard.press('ArrowDown');
  await see(heading(page, 'Trace of row 3'));

  await tabTo(page, 'Continue to upload', { limit: 200 });
  await keyboard.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Upload');
  await tabTo(page, /^Upload [\d,]+ events…$/);
  await keyboard.press('Enter');
  await see(page.getByRole('dialog', { name: 'Upload to Cadent?' }));
  await expect(focusedName(page)).resolves.toMatch(/^Upload [\d,]+ events$/);
  await keyboard.press('Enter');
  await see(heading(page, 'Upload complete'), 60_000);
  // The result replaced the progress in place: focus is on its heading.
  await expect.poll(() => focusedName(page)).toBe('Upload complete');

  await tabTo(page, 'View in request log');
  await keyboard.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Request log');

  // The date inputs' calendar buttons show where focus is.
  await tabTo(page, 'To');
  for (let press = 0; press < 3; press += 1) await keyboard.press('Tab');
  await expect(
    page.getByLabel('To').evaluate((input) => input.matches(':focus-within:not(:focus)')),
  ).resolves.toBe(true);
  await harness.capture('log-date-button-focus', [MIN_WINDOW]);

  // A request opens with Enter; Escape in its detail closes it and focus goes back to its row.
  await tabTo(page, /^\w{3} \d+, \d{4},/);
  const row = await focusedName(page);
  await keyboard.press('Enter');
  await see(page.getByRole('heading', { name: /^Request \d+$/ }));
  await tabTo(page, 'Close');
  await keyboard.press('Escape');
  await page.getByRole('heading', { name: /^Request \d+$/ }).waitFor({ state: 'detached' });
  await expect.poll(() => focusedName(page)).toBe(row);

  expect(sandbox.storedEvents('ds_crm').length).toBeGreaterThan(150);
  expect(harness.pageErrors).toEqual([]);
});
