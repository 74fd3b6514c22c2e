import { describe, expect, it } from 'vitest';

import { REDACTED, redactApiKeyHeaders, redactSecrets } from '../../../electron/store/redact';

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redactSecrets('key=abc123 again abc123, other=zz-9', ['abc123', 'zz-9'])).toBe(
      `key=${REDACTED} again ${REDACTED}, other=${REDACTED}`,
    );
  });

  it('removes a secret that contains another one whole', () => {
    expect(redactSecrets('token sk_live_abcdef', ['abc', 'sk_live_abcdef'])).toBe(
      `token ${REDACTED}`,
    );
  });

  it('takes secrets literally, not as patterns', () => {
    expect(redactSecrets('a+b.c and aab-c', ['a+b.c'])).toBe(`${REDACTED} and aab-c`);
  });

  it('ignores empty secrets and passes null through', () => {
    expect(redactSecrets('nothing to hide', ['', ''])).toBe('nothing to hide');
    expect(redactSecrets(null, ['abc'])).toBeNull();
  });
});

describe('redactApiKeyHeaders', () => {
  it.each([
    [
      'x-api-key: sk_live_1\r\naccept: application/json',
      `x-api-key: ${REDACTED}\r\naccept: application/json`,
    ],
    ['X-Api-Key:sk_live_1', `X-Api-Key:${REDACTED}`],
    [
      '{"x-api-key":"sk_live_1","accept":"application/json"}',
      `{"x-api-key":"${REDACTED}","accept":"application/json"}`,
    ],
    ["{ 'x-api-key': 'sk_live_1' }", `{ 'x-api-key': '${REDACTED}' }`],
    ['[["x-api-key","sk_live_1"]]', `[["x-api-key","${REDACTED}"]]`],
    ['https://h/v1?x-api-key=sk_live_1', `https://h/v1?x-api-key=${REDACTED}`],
  ])('blanks the key in %j', (text, expected) => {
    expect(redactApiKeyHeaders(text)).toBe(expected);
  });

  it('blanks every occurrence and leaves other text alone', () => {
    const text = 'x-api-key: one\naccept: application/json\nx-api-key: two';

    expect(redactApiKeyHeaders(text)).toBe(
      `x-api-key: ${REDACTED}\naccept: application/json\nx-api-key: ${REDACTED}`,
    );
    expect(redactApiKeyHeaders('{"events":[{"event_name":"purchase"}]}')).toBe(
      '{"events":[{"event_name":"purchase"}]}',
    );
    expect(redactApiKeyHeaders(null)).toBeNull();
  });

  it('gives the same text when applied twice', () => {
    const once = redactApiKeyHeaders('x-api-key: sk_live_1');

    expect(redactApiKeyHeaders(once)).toBe(once);
  });
});
