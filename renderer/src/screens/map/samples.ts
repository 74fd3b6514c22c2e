import type { FileView } from '../../../../shared/ipc-api';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** Up to `count` distinct non-blank values of a column among the rows read at import. */
export function columnSamples(file: FileView, column: string, count = 3): string[] {
  const index = file.headers.indexOf(column);
  if (index < 0) return [];
  const values: string[] = [];
  for (const row of file.rows) {
    const value = (row.cells[index] ?? '').trim();
    if (value !== '' && !values.includes(value)) values.push(value);
    if (values.length >= count) break;
  }
  return values;
}

/** Whether every sample value of a column is a SHA-256 hash already (so needs no hashing). */
export function samplesAreHashes(file: FileView, column: string): boolean {
  const values = columnSamples(file, column, file.rows.length);
  return values.length > 0 && values.every((value) => SHA256_HEX.test(value));
}

/** A property name from a column header: "Order Total" → "order_total". */
export function propertyNameFor(column: string): string {
  const name = column
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return name === '' ? 'property' : name;
}
