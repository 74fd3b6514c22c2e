/**
 * The user's steps as the specs take them: each finds its controls by role and label, the way
 * a person (or a screen reader) finds them, so a spec reads like the flow it checks.
 */
import type { Locator, Page } from 'playwright-core';

export interface ConnectionInput {
  name: string;
  endpoint: string;
  apiKey: string;
}

/** Waits until `locator` is visible; a failure names what was awaited. */
export async function see(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

/** A sidebar item: "Connections", "Send a file" (the flow), "Request log", "Settings". */
export function sidebar(page: Page, item: string): Locator {
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: item, exact: true })
    .first();
}

export async function addConnection(page: Page, connection: ConnectionInput): Promise<void> {
  await sidebar(page, 'Connections').click();
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  const dialog = await see(page.getByRole('dialog', { name: 'Add connection' }));
  await dialog.getByLabel('Name').fill(connection.name);
  await dialog.getByLabel('Endpoint URL').fill(connection.endpoint);
  await dialog.getByLabel('API key').fill(connection.apiKey);
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await dialog.waitFor({ state: 'detached' });
}

export function connectionCard(page: Page, name: string): Locator {
  return page.getByRole('article', { name });
}

/** "Test connection" on a saved connection; returns the line that says how it went. */
export async function testConnection(
  page: Page,
  name: string,
  datasetId: string,
): Promise<Locator> {
  const card = connectionCard(page, name);
  await card.getByLabel('Dataset ID').fill(datasetId);
  await card.getByRole('button', { name: 'Test connection' }).click();
  return see(card.getByTestId('test-result'));
}

export function primaryAction(page: Page, name: string | RegExp): Locator {
  return page.getByRole('button', { name });
}

export function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { name });
}

/** The number a labelled figure shows ("Valid" in "Check results"), without separators. */
export async function statValue(page: Page, group: string, label: string): Promise<number> {
  const stat = page
    .locator(`dl[aria-label="${group}"] .stat`)
    .filter({ has: page.getByText(label, { exact: true }) });
  const text = (await stat.locator('.stat__value').first().textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until the focused element's name matches, as a
 * keyboard user would; fails after `limit` presses.
 */
export async function tabTo(
  page: Page,
  name: string | RegExp,
  options: { limit?: number; backwards?: boolean } = {},
): Promise<void> {
  const limit = options.limit ?? 120;
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focused = await focusedName(page);
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${String(name)} (focus is on "${await focusedName(page)}")`);
}

/** The name of the focused element: its aria-label, its label, or its text. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return '';
    const labelled = element.getAttribute('aria-label');
    if (labelled) return labelled;
    const labels = (element as HTMLInputElement).labels;
    if (labels && labels.length > 0) return labels[0]?.textContent?.trim() ?? '';
    return element.textContent?.trim() ?? '';
  });
}

/** A step of the upload flow, from the sidebar. */
export function step(page: Page, name: 'Import' | 'Map' | 'Preview' | 'Upload'): Locator {
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('list', { name: 'Steps of sending a file' })
    .getByRole('button', { name, exact: true });
}
