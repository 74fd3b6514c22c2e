/** SHA-256 of the empty string: a sender's hash of "no data", never a real value. */
export const EMPTY_STRING_SHA256 =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Whether a cell is already a SHA-256 hash: exactly 64 hex characters, either case. 32 hex
 * characters (MD5, or a UUID without dashes) deliberately do not count.
 */
export function isSha256Hex(s: string): boolean {
  return s.length === 64 && SHA256_HEX.test(s);
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
