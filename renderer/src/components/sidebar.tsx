import { FLOW_STEPS, useAppDispatch, useAppState } from '../state/app-state';

import type { ScreenId } from '../state/app-state';

const STEP_LABELS: Record<(typeof FLOW_STEPS)[number], string> = {
  import: 'Import',
  map: 'Map',
  preview: 'Preview',
  upload: 'Upload',
};

/** The app's main navigation: connections, the upload flow, the request log, settings. */
export function Sidebar({ version }: { version: string | null }) {
  const { screen, target } = useAppState();
  const dispatch = useAppDispatch();
  const go = (next: ScreenId) => dispatch({ type: 'navigate', screen: next });
  const inFlow = (FLOW_STEPS as readonly string[]).includes(screen);

  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true" />
        <span className="sidebar__name">Cadent Uploader</span>
      </div>
      <nav aria-label="Main" className="sidebar__nav">
        <NavButton
          label="Connections"
          current={screen === 'connections'}
          onClick={() => go('connections')}
        />
        {/* Not "Upload": that is the flow's last step, listed under it. */}
        <NavButton
          label="Send a file"
          current={inFlow}
          onClick={() => go(inFlow ? screen : 'import')}
        />
        <ul className="sidebar__steps" aria-label="Steps of sending a file">
          {FLOW_STEPS.map((step) => (
            <li key={step}>
              <button
                type="button"
                className="sidebar__step"
                aria-current={screen === step ? 'step' : undefined}
                onClick={() => go(step)}
              >
                {STEP_LABELS[step]}
              </button>
            </li>
          ))}
        </ul>
        <NavButton label="Request log" current={screen === 'log'} onClick={() => go('log')} />
        <NavButton
          label="Settings"
          current={screen === 'settings'}
          onClick={() => go('settings')}
        />
      </nav>
      <div className="sidebar__footer">
        {target.dataset ? (
          <p
            className="sidebar__target"
            title={`${target.connection ?? ''} · ${target.dataset.id}`}
          >
            <span className="sidebar__target-label">Dataset</span>
            <span className="truncate">{target.dataset.name}</span>
            <span className="sidebar__target-key">match key {target.dataset.match_key}</span>
          </p>
        ) : null}
        {version ? <p className="sidebar__version">Version {version}</p> : null}
      </div>
    </aside>
  );
}

function NavButton({
  label,
  current,
  onClick,
}: {
  label: string;
  current: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="sidebar__item"
      aria-current={current ? 'page' : undefined}
      onClick={onClick}
    >
      {label}
    </button>
  );
}
