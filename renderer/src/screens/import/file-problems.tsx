import { useState } from 'react';

import { Notice } from '../../components/notice';

import type { FileView } from '../../../../shared/ipc-api';

const SHOWN_AT_FIRST = 5;

/** The reader's messages start with their row ("row 7 has 9 fields"); the list names it once. */
function withoutRow(message: string, row: number): string {
  return message.replace(new RegExp(`^row ${row}(?::\\s*|,\\s*|\\s+)`, 'i'), '');
}

/** Header problems (duplicate or empty names) first, then problems in the rows read so far. */
export function FileProblems({ problems }: { problems: FileView['problems'] }) {
  const [expanded, setExpanded] = useState(false);
  if (problems.length === 0) return null;
  const ordered = [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const shown = expanded ? ordered : ordered.slice(0, SHOWN_AT_FIRST);
  const headerCount = problems.filter((problem) => problem.row === null).length;

  return (
    <Notice
      tone="warning"
      title={
        headerCount > 0
          ? `The header has ${headerCount === 1 ? 'a problem' : `${headerCount} problems`}`
          : 'Some rows have problems'
      }
      actions={
        ordered.length > SHOWN_AT_FIRST ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'Show fewer' : `Show all ${ordered.length}`}
          </button>
        ) : null
      }
    >
      <ul className="problem-list">
        {shown.map((problem, index) => (
          <li key={`${problem.kind}-${problem.row ?? 'h'}-${index}`}>
            <span className="problem-list__where">
              {problem.row === null ? 'Header' : `Row ${problem.row}`}
            </span>
            {problem.row === null ? problem.message : withoutRow(problem.message, problem.row)}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
