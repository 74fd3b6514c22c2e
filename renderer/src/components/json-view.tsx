import { useMemo, useState } from 'react';

import { formatBytes } from '../format';

/** Beyond this many characters a body is cut until the user asks for all of it. */
export const JSON_DISPLAY_LIMIT = 50_000;

interface JsonViewProps {
  label: string;
  /** A JSON text (pretty-printed here) or any other text (shown as it is). */
  text: string | null;
  /** A value to show as JSON instead of a text. */
  value?: unknown;
  emptyLabel?: string;
}

/**
 * A request or response body, pretty-printed. Bodies reach megabytes, so formatting happens
 * only when the view is shown and only the first part is put in the page by default.
 */
export function JsonView({ label, text, value, emptyLabel = 'No body' }: JsonViewProps) {
  const [showAll, setShowAll] = useState(false);
  const pretty = useMemo(() => {
    if (value !== undefined) return JSON.stringify(value, null, 2);
    if (text === null) return null;
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }, [text, value]);

  if (pretty === null) return <p className="muted">{emptyLabel}</p>;
  const capped = !showAll && pretty.length > JSON_DISPLAY_LIMIT;
  const shown = capped ? pretty.slice(0, JSON_DISPLAY_LIMIT) : pretty;

  return (
    <div className="json-view">
      <pre className="json-view__code" aria-label={label} tabIndex={0}>
        {shown}
        {capped ? '\n…' : ''}
      </pre>
      {capped ? (
        <div className="json-view__more">
          <span className="muted">
            Showing the first {formatBytes(JSON_DISPLAY_LIMIT)} of {formatBytes(pretty.length)}.
          </span>
          <button type="button" className="button button--small" onClick={() => setShowAll(true)}>
            Show all
          </button>
        </div>
      ) : null}
    </div>
  );
}
