import { useState } from 'react';

import { call } from '../../bridge';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { ErrorNotice } from '../../components/notice';
import { PageHeader } from '../../components/page-header';
import { useLoad } from '../../hooks/use-load';

import { ConnectionCard } from './connection-card';
import { ConnectionDialog } from './connection-dialog';

import type { ConnectionView } from '../../../../shared/ipc-api';

type Editing = { mode: 'add' } | { mode: 'edit'; connection: ConnectionView } | null;

/** Saved connections: add, edit, remove, and test one against a dataset. */
export function ConnectionsScreen() {
  const connections = useLoad(() => call('listConnections'), []);
  const [editing, setEditing] = useState<Editing>(null);
  // The connection just saved, whose card takes focus once the list shows it.
  const [saved, setSaved] = useState<string | null>(null);

  const addButton = (
    <button
      type="button"
      className="button button--primary"
      onClick={() => setEditing({ mode: 'add' })}
    >
      Add connection
    </button>
  );
  const list = connections.value ?? [];

  return (
    <div className="screen">
      <PageHeader
        title="Connections"
        description="The Cadent endpoints and API keys events are sent with. Keys stay in your system's keychain."
        actions={list.length > 0 ? addButton : null}
      />
      {connections.status === 'error' ? (
        <ErrorNotice title="The connections could not be read" message={connections.error} />
      ) : null}
      {connections.status === 'loading' && connections.value === null ? (
        <Loading label="Reading connections…" />
      ) : null}
      {connections.status === 'ready' && list.length === 0 ? (
        <EmptyState title="No connection yet" action={addButton}>
          <p>
            A connection is the endpoint URL and API key that Cadent support gave your organization.
            Agencies keep one per advertiser.
          </p>
          <p>
            The key is saved in your operating system's keychain; this window only ever shows its
            last characters.
          </p>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <ul className="card-list" aria-label="Connections">
          {list.map((connection) => (
            <li key={connection.name}>
              <ConnectionCard
                connection={connection}
                onEdit={() => setEditing({ mode: 'edit', connection })}
                onRemoved={connections.reload}
                takeFocus={connection.name === saved}
                onFocused={() => setSaved(null)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <ConnectionDialog
        open={editing !== null}
        connection={editing?.mode === 'edit' ? editing.connection : null}
        onClose={() => setEditing(null)}
        onSaved={(connection) => {
          setEditing(null);
          setSaved(connection.name);
          connections.reload();
        }}
      />
    </div>
  );
}
