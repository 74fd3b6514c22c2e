import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { ErrorNotice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { useAppDispatch, useAppState } from '../../state/app-state';
import { useBrowseForFile } from '../../state/use-open-file';

import { FileProblems } from './file-problems';
import { FileSummary } from './file-summary';
import { RowsTable } from './rows-table';

/** Step 1: a CSV file, dropped anywhere on the window or chosen with the file picker. */
export function ImportScreen() {
  const { file, opening, check } = useAppState();
  const dispatch = useAppDispatch();
  const browse = useBrowseForFile();

  const browseButton = (
    <button
      type="button"
      className={`button${file ? '' : ' button--primary'}`}
      onClick={() => void browse()}
      disabled={opening.pending}
    >
      {file ? 'Choose another file…' : 'Browse…'}
    </button>
  );

  return (
    <div className="screen">
      <PageHeader
        title="Import"
        description="A CSV export from a shop, a CRM, a point-of-sale system or a spreadsheet."
        actions={file ? browseButton : null}
      />
      {opening.error ? (
        <ErrorNotice title="The file could not be opened" message={opening.error} />
      ) : null}
      {opening.pending ? <Loading label="Opening the file…" /> : null}
      {!file && !opening.pending ? (
        <div className="drop-zone">
          <EmptyState title="Drop a CSV file anywhere on this window" action={browseButton}>
            <p>
              Encoding (UTF-8, UTF-16 from Excel, Windows-1252) and delimiter (comma, semicolon,
              tab, pipe) are detected. The header and first rows appear at once, whatever the file's
              size.
            </p>
            <p className="muted">The file is read on this computer; nothing is sent yet.</p>
          </EmptyState>
        </div>
      ) : null}
      {file && !opening.pending ? (
        <>
          <FileSummary file={file} check={check} />
          <FileProblems problems={file.problems} />
          <section className="section" aria-labelledby="first-rows-title">
            <div className="section__header">
              <h2 id="first-rows-title" className="section__title">
                First rows
              </h2>
              <span className="muted">
                {file.rows.length} rows, every cell as text exactly as read
              </span>
            </div>
            <RowsTable headers={file.headers} rows={file.rows} />
          </section>
          <div className="screen__footer">
            <button
              type="button"
              className="button button--primary"
              onClick={() => dispatch({ type: 'navigate', screen: 'map' })}
            >
              Continue to mapping
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
