import { describe, expect, it } from 'vitest';

import { createFaultInjector } from './faults';

const draw = <T>(count: number, next: () => T): T[] => Array.from({ length: count }, next);

describe('createFaultInjector', () => {
  it('gives the same decisions for the same seed and settings', () => {
    const settings = { serverErrorRate: 0.3, dropRate: 0.1, rateLimitRate: 0.2, slowRate: 0.2 };
    const first = createFaultInjector(99, settings);
    const second = createFaultInjector(99, settings);

    const decisions = draw(200, () => first.next());

    expect(draw(200, () => second.next())).toEqual(decisions);
    const kinds = new Set(decisions.map((decision) => decision.fault?.kind ?? 'none'));
    expect([...kinds].sort()).toEqual(['drop', 'none', 'rate_limit', 'server_error']);
    expect(decisions.some((decision) => decision.delayMs > 0)).toBe(true);
  });

  it('starts the sequence again on reset', () => {
    const faults = createFaultInjector(5, { serverErrorRate: 0.5 });
    const decisions = draw(50, () => faults.next());

    faults.set({ serverErrorRate: 1 });
    faults.reset();

    expect(draw(50, () => faults.next())).toEqual(decisions);
  });

  it('keeps one setting from shifting the sequence of another', () => {
    const errorsOnly = createFaultInjector(3, { serverErrorRate: 0.5 });
    const withSlow = createFaultInjector(3, { serverErrorRate: 0.5, slowRate: 0.5, slowMs: 10 });

    const kinds = (decisions: ReturnType<typeof errorsOnly.next>[]) =>
      decisions.map((decision) => decision.fault?.kind ?? 'none');

    expect(kinds(draw(100, () => withSlow.next()))).toEqual(
      kinds(draw(100, () => errorsOnly.next())),
    );
  });

  it('fails the next N requests after failFirst is set, then none', () => {
    const faults = createFaultInjector(1);
    faults.next();

    faults.set({ failFirst: 2 });

    expect(draw(4, () => faults.next()).map((decision) => decision.fault)).toEqual([
      { kind: 'fail_first', status: 503 },
      { kind: 'fail_first', status: 503 },
      null,
      null,
    ]);
  });

  it('refuses settings out of range', () => {
    expect(() => createFaultInjector(1, { dropRate: 1.5 })).toThrow(RangeError);
    expect(() => createFaultInjector(1, { slowMs: -1 })).toThrow(RangeError);
    expect(() => createFaultInjector(1).set({ serverErrorRate: Number.NaN })).toThrow(RangeError);
  });
});
