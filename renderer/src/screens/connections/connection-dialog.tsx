import { useEffect, useId, useState } from 'react';

import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/notice';
import { useAppDispatch } from '../../state/app-state';

import type { ConnectionView } from '../../../../shared/ipc-api';
import type { FormEvent } from 'react';

interface ConnectionDialogProps {
  open: boolean;
  /** The connection to edit; null to add one. */
  connection: ConnectionView | null;
  onClose: () => void;
  onSaved: (saved: ConnectionView) => void;
}

/** Adds or edits a connection. Editing with the key field empty keeps the saved key. */
export function ConnectionDialog({ open, connection, onClose, onSaved }: ConnectionDialogProps) {
  const dispatch = useAppDispatch();
  const [name, setName] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formId = useId();
  const nameId = useId();
  const endpointId = useId();
  const keyId = useId();
  const keyHelpId = useId();

  useEffect(() => {
    if (!open) return;
    setName(connection?.name ?? '');
    setEndpoint(connection?.endpoint ?? '');
    setApiKey('');
    setError(null);
  }, [open, connection]);

  const editing = connection !== null;
  const missing =
    name.trim() === '' || endpoint.trim() === '' || (!editing && apiKey.trim() === '');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (missing) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await call('saveConnection', {
        name: name.trim(),
        endpoint: endpoint.trim(),
        ...(apiKey.trim() !== '' ? { apiKey: apiKey.trim() } : {}),
        ...(editing ? { previousName: connection.name } : {}),
      });
      if (editing && connection.name !== saved.name) {
        dispatch({ type: 'connectionRenamed', from: connection.name, to: saved.name });
      }
      setApiKey('');
      onSaved(saved);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      title={editing ? `Edit ${connection.name}` : 'Add connection'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form={formId}
            className="button button--primary"
            disabled={saving || missing}
          >
            {saving ? 'Saving…' : 'Save connection'}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={(event) => void save(event)}>
        <div className="field">
          <label htmlFor={nameId} className="field__label">
            Name
          </label>
          <input
            id={nameId}
            className="input"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Acme Retail"
            maxLength={100}
            autoComplete="off"
            required
          />
        </div>
        <div className="field">
          <label htmlFor={endpointId} className="field__label">
            Endpoint URL
          </label>
          <input
            id={endpointId}
            className="input input--mono"
            value={endpoint}
            onChange={(event) => setEndpoint(event.target.value)}
            placeholder="https://conversions.example-org.cadent.tv"
            spellCheck={false}
            autoComplete="off"
            required
          />
          <p className="field__help">The address Cadent gave your organization with the key.</p>
        </div>
        <div className="field">
          <label htmlFor={keyId} className="field__label">
            API key
          </label>
          <input
            id={keyId}
            className="input input--mono"
            type="password"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            placeholder={editing ? 'Leave empty to keep the saved key' : ''}
            aria-describedby={keyHelpId}
            autoComplete="off"
            spellCheck={false}
            required={!editing}
          />
          <p id={keyHelpId} className="field__help">
            {editing && connection.keyHint
              ? `Saved key: ${connection.keyHint}. Type a new key only to replace it.`
              : 'Saved in your system keychain; it is never shown again.'}
          </p>
        </div>
        {error ? <ErrorNotice title="The connection was not saved" message={error} /> : null}
      </form>
    </Dialog>
  );
}
