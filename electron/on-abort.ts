/**
 * Runs `action` when `signal` aborts — at once if it already has, which a bare
 * `addEventListener('abort')` would miss. Returns the function that unhooks it.
 */
export function onAbort(signal: AbortSignal | undefined, action: () => void): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    action();
    return () => undefined;
  }
  signal.addEventListener('abort', action, { once: true });
  return () => signal.removeEventListener('abort', action);
}
