import { StatGroup, Stat } from '../../components/stat';
import { describeDelimiter, describeEncoding, formatBytes, formatNumber } from '../../format';

import type { CheckSummary } from '../../../../shared/check-summary';
import type { FileView } from '../../../../shared/ipc-api';
import type { Ref } from 'react';

/** Name, size, encoding, delimiter and row count: estimated at once, exact after the check. */
export function FileSummary({
  file,
  check,
  headingRef,
}: {
  file: FileView;
  check: CheckSummary | null;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const exactRows = check
    ? check.rows - check.blankRows
    : file.rowCountExact
      ? file.estimatedRowCount
      : null;
  return (
    <section className="card file-summary" aria-label="File">
      <h2 ref={headingRef} className="file-summary__name truncate" title={file.path} tabIndex={-1}>
        {file.name}
      </h2>
      <p className="file-summary__path mono truncate" title={file.path}>
        {file.path}
      </p>
      <StatGroup label="File details">
        <Stat label="Size" value={formatBytes(file.sizeBytes)} />
        <Stat label="Encoding" value={describeEncoding(file.encoding, file.bom)} />
        <Stat label="Delimiter" value={describeDelimiter(file.delimiter)} />
        <Stat label="Columns" value={formatNumber(file.headers.length)} />
        <Stat
          label="Rows"
          value={
            exactRows !== null
              ? formatNumber(exactRows)
              : `≈ ${formatNumber(file.estimatedRowCount)}`
          }
          hint={exactRows !== null ? 'exact' : 'estimated; exact after the check'}
        />
      </StatGroup>
    </section>
  );
}
