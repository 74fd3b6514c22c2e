/** What a redacted secret is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret in `text` (for the Cadent client: the API key,
 * before a request or an error message is logged). Empty secrets are ignored.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string;
export function redactSecrets(text: string | null, secrets: readonly string[]): string | null;
export function redactSecrets(text: string | null, secrets: readonly string[]): string | null {
  if (text === null) return null;

  // Longest first, so a secret that contains another is removed whole, not in pieces.
  const ordered = [...new Set(secrets)].filter((secret) => secret !== '');
  ordered.sort((a, b) => b.length - a.length);
  return ordered.reduce((redacted, secret) => redacted.split(secret).join(REDACTED), text);
}

/**
 * Blanks the value of anything that looks like an `x-api-key` header, as a header line
 * (`x-api-key: abc`), in JSON (`"x-api-key":"abc"`) or in a query string (`x-api-key=abc`).
 * The store applies it to every request-log row as a last line of defence: it does not know
 * the key, but it knows the header's name.
 */
export function redactApiKeyHeaders(text: string): string;
export function redactApiKeyHeaders(text: string | null): string | null;
export function redactApiKeyHeaders(text: string | null): string | null {
  return text?.replace(API_KEY_HEADER, (_match, prefix: string) => `${prefix}${REDACTED}`) ?? null;
}

// The name, an optional closing quote, `:`, `=` or `,` (a pair in an array), then the value up
// to whitespace, a quote or a backslash (a JSON escape). The keychain refuses keys holding any
// of those, so the whole key is always covered; in a query string the rest of the line may go
// too, which errs the safe way.
const API_KEY_HEADER = /(x-api-key["']?\s*[:=,]\s*["']?)[^\s"'\\]+/giu;
