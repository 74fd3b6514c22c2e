import { formatNumber, plural } from '../../format';

import { rowList } from './reason-list';

import type { DuplicateGroup } from '../../../../shared/check-summary';

const GROUPS_SHOWN = 8;

/** Event IDs that occur more than once: Cadent keeps the first, counts the rest as duplicates. */
export function DuplicateList({
  duplicates,
  total,
}: {
  duplicates: DuplicateGroup[];
  total: number;
}) {
  return (
    <section className="reason-list" aria-label="Duplicate event IDs">
      <h3 className="subsection-title">Duplicate event IDs</h3>
      {total === 0 ? (
        <p className="muted">Every event ID is unique.</p>
      ) : (
        <>
          <p className="muted">
            {plural(total, 'event')} {total === 1 ? 'repeats' : 'repeat'} an earlier event's ID;
            Cadent keeps only the first.
          </p>
          <ul className="reason-list__items">
            {duplicates.slice(0, GROUPS_SHOWN).map((group) => (
              <li key={group.eventId} className="reason reason--warning">
                <div className="reason__head">
                  <span className="reason__message mono truncate" title={group.eventId}>
                    {group.eventId}
                  </span>
                </div>
                <p className="reason__where">{rowList(group.rows, group.rows.length)}</p>
              </li>
            ))}
          </ul>
          {duplicates.length > GROUPS_SHOWN ? (
            <p className="muted">and {formatNumber(duplicates.length - GROUPS_SHOWN)} more IDs</p>
          ) : null}
        </>
      )}
    </section>
  );
}
