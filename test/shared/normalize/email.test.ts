import { describe, expect, it } from 'vitest';

import { normalizedOrNull, omission } from './support';

describe('em', () => {
  it('deletes whitespace anywhere, including no-break and zero-width spaces', () => {
    expect(normalizedOrNull('em', 'john . smith @ example.com')).toBe('john.smith@example.com');
    expect(normalizedOrNull('em', 'john\u00a0smith@exa\u200bmple.com')).toBe(
      'johnsmith@example.com',
    );
  });

  it('keeps dots and +tags and does no Gmail rewriting', () => {
    expect(normalizedOrNull('em', 'J.O.H.N+news@googlemail.com')).toBe(
      'j.o.h.n+news@googlemail.com',
    );
  });

  it('keeps accents in the local part and an internationalized domain', () => {
    expect(normalizedOrNull('em', 'José@Correo.México.mx')).toBe('josé@correo.méxico.mx');
  });

  it('does not fold accents, even with foldAccents on: that would name another mailbox', () => {
    expect(normalizedOrNull('em', 'josé@example.com', {}, { foldAccents: true })).toBe(
      'josé@example.com',
    );
  });

  it.each([
    ['no @', 'john.example.com'],
    ['two @', 'john@smith@example.com'],
    ['an empty local part', '@example.com'],
    ['no dot in the domain', 'john@localhost'],
    ['a dot only at the domain edge', 'john@.com'],
    ['an empty domain label', 'john@example..com'],
    ['a trailing dot', 'john@example.com.'],
    ['an empty domain', 'john@'],
    ['a pasted display name', 'John <john@example.com>'],
  ])('leaves out an address with %s', (_case, raw) => {
    expect(omission('em', raw)).toEqual({
      reason: 'invalid',
      detail: 'not an email address: needs one @ and a domain with a dot',
    });
  });
});
