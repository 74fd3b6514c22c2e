import { useEffect, useId, useState } from 'react';

import { IDENTITY_FIELD_LABELS } from '../../../shared/cadent-fields';
import { call, errorMessage } from '../bridge';
import { useLoad } from '../hooks/use-load';
import { useAppDispatch, useAppState } from '../state/app-state';

import { Notice } from './notice';

/**
 * Where the events go: a saved connection and a dataset ID, checked against Cadent so the
 * mapping knows the dataset's match key. Used on the Map and Upload steps.
 */
export function DatasetPicker() {
  const { target } = useAppState();
  const dispatch = useAppDispatch();
  const connections = useLoad(() => call('listConnections'), []);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connectionId = useId();
  const datasetId = useId();

  const list = connections.value ?? [];
  const firstName = list[0]?.name ?? null;
  useEffect(() => {
    // With one connection or more and none chosen, the first is the obvious choice.
    if (target.connection === null && firstName !== null) {
      dispatch({ type: 'setTarget', target: { ...target, connection: firstName } });
    }
  }, [firstName, target, dispatch]);

  if (connections.status === 'error') {
    return (
      <Notice tone="error" title="The connections could not be read">
        {connections.error}
      </Notice>
    );
  }
  if (connections.status === 'ready' && list.length === 0) {
    return (
      <Notice
        tone="info"
        title="No connection yet"
        actions={
          <button
            type="button"
            className="button"
            onClick={() => dispatch({ type: 'navigate', screen: 'connections' })}
          >
            Add a connection
          </button>
        }
      >
        A connection holds the endpoint and API key Cadent gave your organization.
      </Notice>
    );
  }

  const check = async () => {
    if (!target.connection || target.datasetId.trim() === '') return;
    setChecking(true);
    setError(null);
    try {
      const dataset = await call('testConnection', {
        name: target.connection,
        datasetId: target.datasetId.trim(),
      });
      dispatch({ type: 'setTarget', target: { ...target, datasetId: dataset.id, dataset } });
    } catch (failure) {
      setError(errorMessage(failure));
      dispatch({ type: 'setTarget', target: { ...target, dataset: null } });
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="dataset-picker">
      <div className="dataset-picker__fields">
        <div className="field">
          <label htmlFor={connectionId} className="field__label">
            Connection
          </label>
          <select
            id={connectionId}
            className="input"
            value={target.connection ?? ''}
            onChange={(event) => {
              setError(null);
              dispatch({
                type: 'setTarget',
                target: {
                  connection: event.target.value,
                  datasetId: target.datasetId,
                  dataset: null,
                },
              });
            }}
          >
            {list.map((connection) => (
              <option key={connection.name} value={connection.name}>
                {connection.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={datasetId} className="field__label">
            Dataset ID
          </label>
          <input
            id={datasetId}
            className="input input--mono"
            value={target.datasetId}
            placeholder="ds_…"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => {
              setError(null);
              const value = event.target.value;
              const stillChecked = target.dataset !== null && value.trim() === target.dataset.id;
              dispatch({
                type: 'setTarget',
                target: {
                  ...target,
                  datasetId: value,
                  dataset: stillChecked ? target.dataset : null,
                },
              });
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void check();
            }}
          />
        </div>
        <button
          type="button"
          className="button dataset-picker__check"
          onClick={() => void check()}
          disabled={checking || !target.connection || target.datasetId.trim() === ''}
        >
          {checking ? 'Checking…' : 'Check dataset'}
        </button>
      </div>
      <div className="dataset-picker__status" aria-live="polite">
        {error ? (
          <p className="text-error">{error}</p>
        ) : target.dataset ? (
          <p>
            <strong>{target.dataset.name}</strong>
            <span className="muted"> · match key </span>
            <span className="badge badge--accent">
              {IDENTITY_FIELD_LABELS[target.dataset.match_key]} ({target.dataset.match_key})
            </span>
          </p>
        ) : (
          <p className="muted">Check the dataset to learn its match key.</p>
        )}
      </div>
    </div>
  );
}
