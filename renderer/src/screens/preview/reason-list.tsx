import { formatNumber, plural } from '../../format';

import type { ReasonGroup } from '../../../../shared/check-summary';

interface ReasonListProps {
  title: string;
  emptyText: string;
  groups: ReasonGroup[];
  tone: 'error' | 'warning';
}

const ROWS_SHOWN = 12;

/** Problems grouped by reason, most frequent first, with the rows they occur in. */
export function ReasonList({ title, emptyText, groups, tone }: ReasonListProps) {
  return (
    <section className="reason-list" aria-label={title}>
      <h3 className="subsection-title">{title}</h3>
      {groups.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="reason-list__items">
          {groups.map((group) => (
            <li key={`${group.code}-${group.field}`} className={`reason reason--${tone}`}>
              <div className="reason__head">
                <span className="reason__message">{group.message}</span>
                <span className="reason__count">{plural(group.count, 'row')}</span>
              </div>
              <p className="reason__where">
                <span className="mono">{group.field}</span>
                {group.column ? <> from “{group.column}”</> : null}
                {' · '}
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
