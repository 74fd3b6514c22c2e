import { CONVERSION_TYPE_LABELS } from '../../../../shared/cadent-fields';
import { TruncatedText } from '../../components/truncated-text';
import { plural } from '../../format';

import type { BuiltEvent } from '../../../../shared/build-event';
import type { KeyboardEvent } from 'react';

interface EventsTableProps {
  events: BuiltEvent[];
  selected: number;
  onSelect: (index: number) => void;
}

/** One line per event; picking one (click, Enter or the arrow keys) shows its trace below. */
export function EventsTable({ events, selected, onSelect }: EventsTableProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    const move = (to: number) => {
      event.preventDefault();
      const next = Math.max(0, Math.min(events.length - 1, to));
      onSelect(next);
      const rows = event.currentTarget.parentElement?.children;
      (rows?.[next] as HTMLElement | undefined)?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Enter' || event.key === ' ') move(index);
  };

  return (
    <div className="table-scroll table-scroll--tall" role="region" aria-label="First events">
      <table className="table table--selectable">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Status</th>
            <th scope="col">Event ID</th>
            <th scope="col">Event name</th>
            <th scope="col">Conversion type</th>
            <th scope="col">Event time</th>
            <th scope="col">Identity fields</th>
          </tr>
        </thead>
        <tbody>
          {events.map((built, index) => {
            const event = built.event;
            const fatal = built.problems.filter((problem) => problem.fatal);
            const warnings = built.problems.filter((problem) => !problem.fatal);
            // A field sent unhashed (as the user confirmed) is a warning, but not a field left out.
            const leftOut = warnings.filter((problem) => problem.code !== 'sent_unhashed').length;
            const unhashed = warnings.length - leftOut;
            const status = [
              'Valid',
              ...(leftOut > 0 ? [`${leftOut} left out`] : []),
              ...(unhashed > 0 ? [`${unhashed} unhashed`] : []),
            ].join(' · ');
            const rows =
              built.firstRow === built.lastRow
                ? `${built.firstRow}`
                : `${built.firstRow}–${built.lastRow}`;
            return (
              <tr
                key={`${built.firstRow}-${index}`}
                tabIndex={0}
                aria-label={`Row ${rows}: ${event ? 'valid' : 'invalid'}`}
                aria-selected={index === selected}
                className={index === selected ? 'is-selected' : undefined}
                onClick={() => onSelect(index)}
                onKeyDown={(keyEvent) => onKeyDown(keyEvent, index)}
              >
                <td className="table__row-number">{rows}</td>
                <td>
                  {event ? (
                    <span
                      className={`badge ${warnings.length > 0 ? 'badge--warning' : 'badge--success'}`}
                      title={warnings.map((problem) => problem.message).join('; ') || undefined}
                    >
                      {status}
                    </span>
                  ) : (
                    <span className="status-cell">
                      <span className="badge badge--error">Invalid</span>
                      <TruncatedText text={fatal.map((problem) => problem.message).join('; ')} />
                    </span>
                  )}
                </td>
                <td className="mono">
                  <TruncatedText text={event?.event_id ?? '—'} />
                </td>
                <td>
                  <TruncatedText text={event?.event_name ?? '—'} />
                </td>
                <td>
                  {event ? (
                    <TruncatedText text={CONVERSION_TYPE_LABELS[event.conversion_type]} />
                  ) : (
                    '—'
                  )}
                </td>
                <td className="mono nowrap">{event?.event_time ?? '—'}</td>
                <td
                  className="nowrap"
                  title={event ? Object.keys(event.user).join(', ') : undefined}
                >
                  {event ? plural(Object.keys(event.user).length, 'field') : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
