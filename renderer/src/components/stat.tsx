import type { ReactNode } from 'react';

interface StatProps {
  label: string;
  value: ReactNode;
  tone?: 'default' | 'success' | 'warning' | 'error';
  hint?: string;
}

/** One labelled figure in a row of figures. */
export function Stat({ label, value, tone = 'default', hint }: StatProps) {
  return (
    <div className={`stat stat--${tone}`}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
      {hint ? <dd className="stat__hint">{hint}</dd> : null}
    </div>
  );
}

export function StatGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl className="stat-group" aria-label={label}>
      {children}
    </dl>
  );
}
