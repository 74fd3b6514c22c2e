import type { ColumnCandidate } from '../../../../shared/header-match';

interface ColumnOptionsProps {
  headers: readonly string[];
  /** Columns whose header matches the field, best first; offered before all the others. */
  candidates?: readonly ColumnCandidate[];
  /** Prefix of each option's value, to tell columns from other choices in the same select. */
  valuePrefix?: string;
}

/** The `<option>`s of a column picker: header-matched suggestions first, then every column. */
export function ColumnOptions({ headers, candidates = [], valuePrefix = '' }: ColumnOptionsProps) {
  const suggested = candidates.filter((candidate) => headers.includes(candidate.column));
  const suggestedNames = new Set(suggested.map((candidate) => candidate.column));
  const others = headers.filter((header) => !suggestedNames.has(header));
  return (
    <>
      {suggested.length > 0 ? (
        <optgroup label="Suggested from the headers">
          {suggested.map((candidate) => (
            <option key={`s-${candidate.column}`} value={`${valuePrefix}${candidate.column}`}>
              {candidate.column}
            </option>
          ))}
        </optgroup>
      ) : null}
      <optgroup label={suggested.length > 0 ? 'Other columns' : 'Columns'}>
        {others.map((header) => (
          <option key={`c-${header}`} value={`${valuePrefix}${header}`}>
            {header}
          </option>
        ))}
      </optgroup>
    </>
  );
}
