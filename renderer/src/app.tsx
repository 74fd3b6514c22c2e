import { useEffect, useRef } from 'react';

import { call } from './bridge';
import { FileDropOverlay } from './components/file-drop-overlay';
import { Sidebar } from './components/sidebar';
import { Stepper } from './components/stepper';
import { focusScreenHeading } from './focus';
import { useLoad } from './hooks/use-load';
import { ConnectionsScreen } from './screens/connections/connections-screen';
import { ImportScreen } from './screens/import/import-screen';
import { RequestLogScreen } from './screens/log/request-log-screen';
import { MapScreen } from './screens/map/map-screen';
import { PreviewScreen } from './screens/preview/preview-screen';
import { SettingsScreen } from './screens/settings/settings-screen';
import { UploadScreen } from './screens/upload/upload-screen';
import { isFlowStep, useAppState } from './state/app-state';

import type { ScreenId } from './state/app-state';

/** The window: sidebar, the upload stepper when in the flow, and the current screen. */
export function App() {
  const { screen } = useAppState();
  const appInfo = useLoad(() => call('getAppInfo'), []);
  const shown = useRef(screen);

  useEffect(() => {
    // At start focus stays where the window puts it; after a change it goes to the new screen's
    // heading, so Tab goes on from there rather than from the sidebar.
    if (shown.current === screen) return;
    shown.current = screen;
    focusScreenHeading();
  }, [screen]);

  return (
    <div className="app">
      <Sidebar version={appInfo.value?.version ?? null} />
      <main className="main" aria-label={SCREEN_TITLES[screen]}>
        {isFlowStep(screen) ? <Stepper current={screen} /> : null}
        <div className="main__content" key={screen}>
          <CurrentScreen screen={screen} />
        </div>
      </main>
      <FileDropOverlay />
    </div>
  );
}

const SCREEN_TITLES: Record<ScreenId, string> = {
  connections: 'Connections',
  import: 'Import',
  map: 'Map',
  preview: 'Preview',
  upload: 'Upload',
  log: 'Request log',
  settings: 'Settings',
};

function CurrentScreen({ screen }: { screen: ScreenId }) {
  switch (screen) {
    case 'connections':
      return <ConnectionsScreen />;
    case 'import':
      return <ImportScreen />;
    case 'map':
      return <MapScreen />;
    case 'preview':
      return <PreviewScreen />;
    case 'upload':
      return <UploadScreen />;
    case 'log':
      return <RequestLogScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
