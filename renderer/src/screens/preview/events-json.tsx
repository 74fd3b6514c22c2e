import { JsonView } from '../../components/json-view';

import type { BuiltEvent } from '../../../../shared/build-event';

/** The valid events as the body of one batch, byte for byte what Cadent would get (pretty). */
export function EventsJson({ events }: { events: BuiltEvent[] }) {
  const valid = events.flatMap((built) => (built.event ? [built.event] : []));
  const invalid = events.length - valid.length;
  return (
    <div className="events-json">
      {invalid > 0 ? (
        <p className="muted">
          {invalid === 1 ? '1 event is' : `${invalid} events are`} invalid and left out of the body.
        </p>
      ) : null}
      <JsonView label="Request body" text={null} value={{ events: valid }} />
    </div>
  );
}
