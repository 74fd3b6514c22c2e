import { IDENTITY_FIELD_LABELS } from '../../../../shared/cadent-fields';
import { formatNumber, formatPercent, plural } from '../../format';

import type { CheckSummary } from '../../../../shared/check-summary';

/** How many valid events carry each identity field, the match key first and marked. */
export function CoverageChart({ summary }: { summary: CheckSummary }) {
  const total = summary.valid;
  return (
    <section className="coverage" aria-labelledby="coverage-title">
      <h3 id="coverage-title" className="subsection-title">
        Identity coverage
      </h3>
      <p className="muted coverage__caption">
        {total === 1
          ? 'Whether the one valid event carries each field.'
          : `Share of the ${formatNumber(total)} valid events carrying each field.`}
      </p>
      <ul className="coverage__rows">
        {summary.coverage.map(({ field, events }) => {
          const isMatchKey = field === summary.matchKey;
          const share = total === 0 ? 0 : (events / total) * 100;
          return (
            <li
              key={field}
              className={`coverage__row${isMatchKey ? ' coverage__row--match-key' : ''}`}
              aria-label={`${IDENTITY_FIELD_LABELS[field]}: ${plural(events, 'event')}, ${formatPercent(events, total)}`}
            >
              <span className="coverage__label">
                {IDENTITY_FIELD_LABELS[field]}
                {isMatchKey ? <span className="badge badge--accent">match key</span> : null}
              </span>
              <svg
                className="coverage__bar"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
              >
                <rect className="coverage__track" x="0" y="0" width="100" height="10" rx="0" />
                <rect className="coverage__fill" x="0" y="0" width={share} height="10" rx="0" />
              </svg>
              <span className="coverage__value">
                {formatPercent(events, total)}
                <span className="muted"> · {formatNumber(events)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
