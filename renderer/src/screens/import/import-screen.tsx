import { useEffect, useRef } from 'react';

import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { ErrorNotice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { focusHeading } from '../../focus';
import { plural } from '../../format';
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
  const fileHeading = useRef<HTMLHeadingElement>(null);
  const shownFile = useRef(file);

  // A file opened while this step is shown (picked, dropped, from the menu) takes focus to its
  // name; arriving here with a file already open, the step's own heading does.
  useEffect(() => {
    // Each opening gives a new file object, so the same file opened again counts too.
    if (opening.pending || !file || shownFile.current === file) return;
    shownFile.current = file;
    focusHeading(fileHeading.current);
  }, [file, opening.pending]);

  const unreadable = file
    ? new Set(file.problems.flatMap((problem) => (problem.row === null ? [] : [problem.row]))).size
    : 0;

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
          <FileSummary file={file} check={check} headingRef={fileHeading} />
          <FileProblems problems={file.problems} />
          <section className="section" aria-labelledby="first-rows-title">
            <div className="section__header">
              <h2 id="first-rows-title" className="section__title">
                First rows
              </h2>
              {file.rows.length > 0 ? (
                <span className="muted">
                  {plural(file.rows.length, 'row')}, every cell as text exactly as read
                </span>
              ) : null}
            </div>
            <RowsTable headers={file.headers} rows={file.rows} unreadable={unreadable} />
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
