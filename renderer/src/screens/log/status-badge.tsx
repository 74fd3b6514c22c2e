/** An HTTP status as a colored badge; no status means no answer came (timeout, dropped). */
export function StatusBadge({ status, method }: { status: number | null; method?: string }) {
  const tone =
    status === null
      ? 'badge--error'
      : status < 300
        ? 'badge--success'
        : status === 429
          ? 'badge--warning'
          : 'badge--error';
  return (
    <span className="status-badge">
      <span className={`badge ${tone}`}>{status ?? 'No answer'}</span>
      {method ? <span className="muted mono">{method}</span> : null}
    </span>
  );
}
