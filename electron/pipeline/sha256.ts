import { hash } from 'node:crypto';

/** SHA-256 of the UTF-8 bytes as 64 lowercase hex; `crypto.hash` is the fast one-shot path. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
