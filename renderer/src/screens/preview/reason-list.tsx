import { formatNumber, plural } from '../../format';

import type { ReasonGroup } from '../../../../shared/check-summary';

interface ReasonListProps {
  title: string;
  emptyText: string;
  groups: ReasonGroup[];
  tone: 'error' | 'warning';
  /** With rows grouped, a count is of events (orders, say), each listed by its first row. */
  grouped: boolean;
}

const ROWS_SHOWN = 12;

/** Problems grouped by reason, most frequent first, with the rows they occur in. */
export function ReasonList({ title, emptyText, groups, tone, grouped }: ReasonListProps) {
  return (
    <section className="reason-list" aria-label={title}>
      <h3 className="subsection-title">{title}</h3>
      {groups.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="reason-list__items">
          {groups.map((group, index) => (
            // One code and field can hold several groups: messages of different shapes.
            <li key={`${group.code}-${group.field}-${index}`} className={`reason reason--${tone}`}>
              <div className="reason__head">
                <span className="reason__message">{group.message}</span>
                <span className="reason__count">
                  {plural(group.count, grouped ? 'event' : 'row')}
                </span>
              </div>
              <p className="reason__where">
                {/* A problem of the row itself (too few fields) names no field. */}
                {group.field !== 'row' ? (
                  <>
                    <span className="mono">{group.field}</span>
                    {group.column ? <> from “{group.column}”</> : null}
                    {' · '}
                  </>
                ) : null}
                {grouped ? 'starting at ' : ''}
                {rowList(group.rows, group.count)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "rows 2, 5, 9 and 40 more". */
export function rowList(rows: number[], count: number): string {
  const shown = rows.slice(0, ROWS_SHOWN);
  const more = count - shown.length;
  const list = shown.join(', ');
  const prefix = shown.length === 1 && more === 0 ? 'row' : 'rows';
  return more > 0 ? `${prefix} ${list} and ${formatNumber(more)} more` : `${prefix} ${list}`;
}
