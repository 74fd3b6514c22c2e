/** A code and a one-line message for any error, for crossing a thread or process boundary. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'internal';
    return { code, message: error.message };
  }
  return { code: 'internal', message: String(error) };
}
