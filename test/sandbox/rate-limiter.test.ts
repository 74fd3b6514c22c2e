import { describe, expect, it } from 'vitest';

import { createRateLimiter } from './rate-limiter';

describe('createRateLimiter', () => {
  it('lets a burst through, then asks to wait until a token is back', () => {
    let now = 0;
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 3 }, () => now);

    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([null, null, null]);
    expect(limiter.take('k')).toBe(1);

    now += 500;
    expect(limiter.take('k')).toBeNull();
    expect(limiter.take('k')).toBe(1);
  });

  it('rounds Retry-After up to whole seconds', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 0.25, burst: 1 }, () => 0);
    limiter.take('k');

    expect(limiter.take('k')).toBe(4);
  });

  it('keeps one bucket per key and forgets them on reset', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1 }, () => 0);
    limiter.take('a');

    expect(limiter.take('b')).toBeNull();
    expect(limiter.take('a')).toBe(1);
    limiter.reset();
    expect(limiter.take('a')).toBeNull();
  });
});
