import { TruncatedText } from '../../components/truncated-text';
import { plural } from '../../format';

import type { FileView } from '../../../../shared/ipc-api';

/** The file's first rows as read: every cell a string; long ones are cut, whole in a tooltip. */
export function RowsTable({
  headers,
  rows,
  unreadable,
}: {
  headers: string[];
  rows: FileView['rows'];
  /** Rows among the first ones that could not be read (listed with the file's problems). */
  unreadable: number;
}) {
  if (rows.length === 0) {
    return (
      <p className="muted">
        {unreadable > 0
          ? `None of the first rows could be read (${plural(unreadable, 'row')}); the problems above say why.`
          : 'The file has a header but no data rows.'}
      </p>
    );
  }
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="First rows of the file">
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col" className="table__row-number">
              Row
            </th>
            {headers.map((header, index) => (
              <th key={`${header}-${index}`} scope="col">
                <TruncatedText text={header} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.row}>
              <th scope="row" className="table__row-number">
                {row.row}
              </th>
              {headers.map((header, index) => (
                <td key={`${header}-${index}`}>
                  <TruncatedText text={row.cells[index] ?? ''} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
