/**
 * A token bucket per API key, for the sandbox's optional real rate limit (as opposed to the
 * random 429 fault).
 */

/** Sustained rate and the burst a key may spend at once. */
export interface RateLimit {
  requestsPerSecond: number;
  burst: number;
}

/** Takes one token per request; `take` answers null when allowed, else whole seconds to wait. */
export interface RateLimiter {
  take(key: string): number | null;
  reset(): void;
}

/** A rate limiter on a monotonic clock (ms), so a fixed sandbox clock cannot freeze it. */
export function createRateLimiter(
  limit: RateLimit,
  clock: () => number = () => performance.now(),
): RateLimiter {
  if (!(limit.requestsPerSecond > 0) || !(limit.burst >= 1)) {
    throw new RangeError('rateLimit needs requestsPerSecond > 0 and burst >= 1');
  }
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    take(key) {
      const at = clock();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at };
      const tokens = Math.min(
        limit.burst,
        bucket.tokens + ((at - bucket.at) / 1000) * limit.requestsPerSecond,
      );

      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at });
        return null;
      }
      buckets.set(key, { tokens, at });
      return Math.max(1, Math.ceil((1 - tokens) / limit.requestsPerSecond));
    },
    reset() {
      buckets.clear();
    },
  };
}
