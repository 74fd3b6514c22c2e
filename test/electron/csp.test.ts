import { describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../electron/csp';

describe('the content security policy', () => {
  it('is the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
  });

  it('allows no remote origin, no inline code and no eval', () => {
    const sources = Object.values(CSP_DIRECTIVES).flat();
    const allowed = new Set(["'none'", "'self'", 'data:']);

    expect(sources.filter((source) => !allowed.has(source))).toEqual([]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|https?:|wss?:|\*|blob:/);
  });

  it('lets data: only into images, never into scripts, styles or connections', () => {
    for (const [directive, sources] of Object.entries(CSP_DIRECTIVES)) {
      if (directive !== 'img-src') expect(sources).not.toContain('data:');
    }
    expect(CSP_DIRECTIVES['default-src']).toEqual(["'none'"]);
    expect(CSP_DIRECTIVES['connect-src']).toEqual(["'none'"]);
  });
});
