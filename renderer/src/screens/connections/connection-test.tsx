import { useId, useState } from 'react';

import { IDENTITY_FIELD_LABELS } from '../../../../shared/cadent-fields';
import { call, errorMessage } from '../../bridge';
import { useAppDispatch, useAppState } from '../../state/app-state';

import type { Dataset } from '../../../../shared/cadent-contract';

/**
 * "Test connection": looks a dataset up with this connection's key. Success shows the dataset's
 * name and match key and makes it the dataset uploads go to; failure says exactly what happened.
 */
export function ConnectionTest({ connection }: { connection: string }) {
  const { target } = useAppState();
  const dispatch = useAppDispatch();
  const [datasetId, setDatasetId] = useState(
    target.connection === connection ? target.datasetId : '',
  );
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<
    { ok: true; dataset: Dataset } | { ok: false; message: string } | null
  >(null);
  const inputId = useId();

  const test = async () => {
    const id = datasetId.trim();
    if (id === '') return;
    setTesting(true);
    setOutcome(null);
    try {
      const dataset = await call('testConnection', { name: connection, datasetId: id });
      setOutcome({ ok: true, dataset });
      dispatch({ type: 'setTarget', target: { connection, datasetId: dataset.id, dataset } });
    } catch (failure) {
      setOutcome({ ok: false, message: errorMessage(failure) });
    } finally {
      setTesting(false);
    }
  };

  return (
    <section className="connection-test" aria-label={`Test ${connection}`}>
      <form
        className="connection-test__form"
        onSubmit={(event) => {
          event.preventDefault();
          void test();
        }}
      >
        <div className="field field--inline">
          <label htmlFor={inputId} className="field__label">
            Dataset ID
          </label>
          <input
            id={inputId}
            className="input input--mono"
            value={datasetId}
            onChange={(event) => setDatasetId(event.target.value)}
            placeholder="From the dataset's details page in Audience Studio"
            spellCheck={false}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button" disabled={testing || datasetId.trim() === ''}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
      </form>
      <div aria-live="polite">
        {outcome?.ok ? (
          <p
            className="connection-test__result connection-test__result--ok"
            data-testid="test-result"
          >
            <span className="status-dot status-dot--ok" aria-hidden="true" />
            <span>
              Connected to <strong>{outcome.dataset.name}</strong> ({outcome.dataset.id}), match key{' '}
              <strong>
                {IDENTITY_FIELD_LABELS[outcome.dataset.match_key]} ({outcome.dataset.match_key})
              </strong>
              {outcome.dataset.status !== 'active' ? `, status ${outcome.dataset.status}` : ''}.
              Uploads go to this dataset.
            </span>
            {/* The connection works: the way on is a file to send. */}
            <button
              type="button"
              className="button button--small button--primary connection-test__next"
              onClick={() => dispatch({ type: 'navigate', screen: 'import' })}
            >
              Import a file <span aria-hidden="true">→</span>
            </button>
          </p>
        ) : null}
        {outcome && !outcome.ok ? (
          <p
            className="connection-test__result connection-test__result--error"
            role="alert"
            data-testid="test-result"
          >
            <span className="status-dot status-dot--error" aria-hidden="true" />
            <span>{outcome.message}</span>
          </p>
        ) : null}
      </div>
    </section>
  );
}
