import { useEffect, useRef, useState } from 'react';

import { pathForFile } from '../bridge';
import { useProgress } from '../hooks/use-progress';
import { useOpenFile } from '../state/use-open-file';

/**
 * Makes the whole window a drop target for a CSV file. The page never reads the file: it asks
 * the bridge for the dropped file's path and opens that in the main process.
 */
export function FileDropOverlay() {
  const openFile = useOpenFile();
  const [dragging, setDragging] = useState(false);
  // File › Open CSV… in the native menu picks a file in the main process and sends its path.
  useProgress('open-file', (message) => void openFile(message.path));
  // dragenter and dragleave fire for every child crossed; count them to know when we left.
  const depth = useRef(0);

  useEffect(() => {
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

    const onDragEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would navigate to the file.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      void openFile(pathForFile(file));
    };

    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [openFile]);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__panel">
        <p className="drop-overlay__title">Drop the CSV file to open it</p>
        <p className="drop-overlay__hint">Its header and first rows appear at once.</p>
      </div>
    </div>
  );
}
