import { describe, expect, it } from 'vitest';

import { normalizedOrNull, omission } from './support';

describe('external-id', () => {
  it('keeps case and inner characters, trimmed', () => {
    expect(normalizedOrNull('external-id', '  CUST-00123 ')).toBe('CUST-00123');
    expect(normalizedOrNull('external-id', 'a b/c_D.e')).toBe('a b/c_D.e');
    expect(normalizedOrNull('external-id', '000123')).toBe('000123');
  });

  it('does not apply step 6, so "İ" keeps its case', () => {
    expect(normalizedOrNull('external-id', 'İD-1')).toBe('İD-1');
  });

  it('lowercases only with externalIdLowercase on', () => {
    const on = { externalIdLowercase: true };
    expect(normalizedOrNull('external-id', 'AbC123xyz', {}, { externalIdLowercase: false })).toBe(
      'AbC123xyz',
    );
    expect(normalizedOrNull('external-id', 'AbC123xyz', {}, on)).toBe('abc123xyz');
    expect(normalizedOrNull('external-id', 'İD-1', {}, on)).toBe('id-1');
  });

  it('still leaves out blanks and placeholders', () => {
    expect(omission('external-id', ' ')?.reason).toBe('blank');
    expect(omission('external-id', 'NULL')?.reason).toBe('placeholder');
  });
});
