import { TruncatedText } from '../../components/truncated-text';
import { formatDateAndTime, formatDuration, formatNumber } from '../../format';

import { StatusBadge } from './status-badge';

import type { LogEntrySummary } from '../../../../shared/ipc-api';
import type { KeyboardEvent } from 'react';

interface LogTableProps {
  entries: LogEntrySummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** One line per request attempt; Enter or a click opens its detail. */
export function LogTable({ entries, selectedId, onSelect }: LogTableProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    const focusRow = (to: number) => {
      const rows = event.currentTarget.parentElement?.children;
      (rows?.[to] as HTMLElement | undefined)?.focus();
    };
    const entry = entries[index];
    if ((event.key === 'Enter' || event.key === ' ') && entry) {
      event.preventDefault();
      onSelect(entry.id);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(Math.min(entries.length - 1, index + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(Math.max(0, index - 1));
    }
  };

  return (
    <div className="table-scroll table-scroll--log" role="region" aria-label="Requests">
      <table className="table table--selectable">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Connection</th>
            <th scope="col">Dataset</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Events
            </th>
            <th scope="col" className="numeric">
              Duration
            </th>
            <th scope="col" className="numeric">
              Attempt
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => {
            const { date, time } = formatDateAndTime(entry.time);
            return (
              <tr
                key={entry.id}
                data-entry-id={entry.id}
                tabIndex={0}
                aria-selected={entry.id === selectedId}
                className={entry.id === selectedId ? 'is-selected' : undefined}
                onClick={() => onSelect(entry.id)}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                <td>
                  {/* Breaks between date and time only when the window is too narrow for both. */}
                  <span className="nowrap">{date},</span> <span className="nowrap">{time}</span>
                </td>
                <td>
                  <TruncatedText text={entry.connection ?? '—'} />
                </td>
                <td className="mono">
                  <TruncatedText text={entry.datasetId ?? '—'} />
                </td>
                <td>
                  <StatusBadge status={entry.status} method={entry.method} />
                </td>
                <td className="numeric">{formatNumber(entry.eventCount)}</td>
                <td className="numeric nowrap">{formatDuration(entry.durationMs)}</td>
                <td className="numeric">{entry.attempt}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
