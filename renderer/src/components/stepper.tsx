import { FLOW_STEPS, useAppDispatch, useAppState, useCurrentCheck } from '../state/app-state';

import type { FlowStep } from '../state/app-state';

const LABELS: Record<FlowStep, string> = {
  import: 'Import',
  map: 'Map',
  preview: 'Preview',
  upload: 'Upload',
};

/** The upload flow's steps across the top of the main area; a step behind the user is done. */
export function Stepper({ current }: { current: FlowStep }) {
  const { file, mapping } = useAppState();
  const check = useCurrentCheck();
  const dispatch = useAppDispatch();
  const position = FLOW_STEPS.indexOf(current);
  const hasData: Record<FlowStep, boolean> = {
    import: file !== null,
    map: mapping !== null,
    preview: check !== null,
    upload: false,
  };
  const done = (step: FlowStep) => FLOW_STEPS.indexOf(step) < position && hasData[step];

  return (
    <nav className="stepper" aria-label="Steps of sending a file">
      <ol className="stepper__list">
        {FLOW_STEPS.map((step, index) => (
          <li key={step} className="stepper__item">
            <button
              type="button"
              className={`stepper__step${done(step) ? ' stepper__step--done' : ''}`}
              aria-current={step === current ? 'step' : undefined}
              onClick={() => dispatch({ type: 'navigate', screen: step })}
            >
              <span className="stepper__number" aria-hidden="true">
                {done(step) ? '✓' : index + 1}
              </span>
              <span className="stepper__label">{LABELS[step]}</span>
            </button>
            {index < FLOW_STEPS.length - 1 ? (
              <span className="stepper__divider" aria-hidden="true" />
            ) : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
