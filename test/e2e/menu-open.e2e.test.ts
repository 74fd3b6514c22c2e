import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { heading, see } from './flow';
import { startHarness } from './harness';

import type { Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ name: 'menu-open' });
});

afterAll(async () => {
  await harness?.close();
});

test('File › Open CSV… in the native menu opens the chosen file on the Import step', async () => {
  const { page } = harness;
  const crm = path.resolve(import.meta.dirname, '../../../shared/data/crm-conversions.csv');
  // The main process shows the dialog and sends the chosen path to the window.
  harness.sendFromMain({ kind: 'open-file', path: crm });
  await see(heading(page, 'crm-conversions.csv'));
  await see(page.getByText('Email Address').first());
  expect(harness.pageErrors).toEqual([]);
});
