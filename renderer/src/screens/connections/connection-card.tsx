import { useEffect, useRef, useState } from 'react';

import { call, errorMessage } from '../../bridge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/notice';
import { focusHeading } from '../../focus';
import { formatDateTime } from '../../format';
import { useAppDispatch } from '../../state/app-state';

import { ConnectionTest } from './connection-test';

import type { ConnectionView } from '../../../../shared/ipc-api';

interface ConnectionCardProps {
  connection: ConnectionView;
  onEdit: () => void;
  onRemoved: () => void;
  /** Just saved: its name takes focus (the dialog's opener may be gone, as the first one is). */
  takeFocus: boolean;
  onFocused: () => void;
}

export function ConnectionCard({
  connection,
  onEdit,
  onRemoved,
  takeFocus,
  onFocused,
}: ConnectionCardProps) {
  const dispatch = useAppDispatch();
  const heading = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!takeFocus) return;
    focusHeading(heading.current);
    onFocused();
  }, [takeFocus, onFocused]);

  const remove = async () => {
    setRemoving(true);
    setError(null);
    try {
      await call('removeConnection', { name: connection.name });
      dispatch({ type: 'connectionRemoved', name: connection.name });
      setConfirming(false);
      onRemoved();
    } catch (failure) {
      setConfirming(false);
      setError(errorMessage(failure));
    } finally {
      setRemoving(false);
    }
  };

  return (
    <article className="card connection-card" aria-label={connection.name}>
      <header className="connection-card__header">
        <div className="connection-card__identity">
          <h2 ref={heading} className="connection-card__name" tabIndex={-1}>
            {connection.name}
          </h2>
          <dl className="connection-card__meta">
            <div>
              <dt>Endpoint</dt>
              <dd className="mono truncate" title={connection.endpoint}>
                {connection.endpoint}
              </dd>
            </div>
            <div>
              <dt>API key</dt>
              <dd className="mono">{connection.keyHint ?? 'not saved'}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>{formatDateTime(connection.updatedAt)}</dd>
            </div>
          </dl>
        </div>
        <div className="connection-card__actions">
          <button type="button" className="button" onClick={onEdit}>
            Edit
          </button>
          <button
            type="button"
            className="button button--quiet-danger"
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        </div>
      </header>
      {error ? <ErrorNotice title="The connection was not removed" message={error} /> : null}
      <ConnectionTest connection={connection.name} />
      <ConfirmDialog
        open={confirming}
        title={`Remove ${connection.name}?`}
        tone="danger"
        confirmLabel={removing ? 'Removing…' : 'Remove connection'}
        busy={removing}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Its API key is deleted from the keychain. The request log keeps the requests made with it.
        </p>
      </ConfirmDialog>
    </article>
  );
}
