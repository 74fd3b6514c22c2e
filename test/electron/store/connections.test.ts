import { describe, expect, it } from 'vitest';

import { StoreError } from '../../../electron/store';

import { START, testStore } from './test-store';

const acme = { name: 'Acme', endpoint: 'https://acme.cadent.example/', keyHint: '••••1a2b' };

describe('connections', () => {
  it('creates a connection and reads it back', () => {
    const { store } = testStore();

    const created = store.connections.upsert(acme);

    expect(created).toEqual({ ...acme, createdAt: START, updatedAt: START });
    expect(store.connections.get('Acme')).toEqual(created);
    expect(store.connections.get('Nobody')).toBeNull();
  });

  it('replaces the endpoint and hint of an existing connection, keeping when it was created', () => {
    const { store, clock } = testStore();
    store.connections.upsert(acme);
    clock.advance(60_000);

    const updated = store.connections.upsert({
      name: 'Acme',
      endpoint: 'https://acme-eu.cadent.example/',
      keyHint: null,
    });

    expect(updated).toEqual({
      name: 'Acme',
      endpoint: 'https://acme-eu.cadent.example/',
      keyHint: null,
      createdAt: START,
      updatedAt: '2025-03-01T12:01:00.000Z',
    });
    expect(store.connections.list()).toHaveLength(1);
  });

  it('lists connections by name, ignoring case', () => {
    const { store } = testStore();
    for (const name of ['beta', 'Alpha', 'gamma']) store.connections.upsert({ ...acme, name });

    expect(store.connections.list().map((connection) => connection.name)).toEqual([
      'Alpha',
      'beta',
      'gamma',
    ]);
  });

  it('renames a connection, refusing a name that is taken or one that does not exist', () => {
    const { store } = testStore();
    store.connections.upsert(acme);
    store.connections.upsert({ ...acme, name: 'Globex' });

    expect(store.connections.rename('Acme', 'Acme EU')).toMatchObject({ name: 'Acme EU' });
    expect(store.connections.get('Acme')).toBeNull();
    expect(() => store.connections.rename('Acme EU', 'Globex')).toThrow(
      'A connection named "Globex" already exists.',
    );
    expect(() => store.connections.rename('Acme', 'Other')).toThrow(
      'There is no connection named "Acme".',
    );
  });

  it('removes a connection, saying whether there was one', () => {
    const { store } = testStore();
    store.connections.upsert(acme);

    expect(store.connections.remove('Acme')).toBe(true);
    expect(store.connections.remove('Acme')).toBe(false);
    expect(store.connections.list()).toEqual([]);
  });

  it.each([
    [{ ...acme, name: '' }, /name: must not be empty/],
    [{ ...acme, name: ' Acme' }, /name: must not start or end with spaces/],
    [{ ...acme, name: 'Acme\n' }, /name: must not start or end with spaces/],
    [{ ...acme, name: 'Ac\tme' }, /name: must not contain control characters/],
    [{ ...acme, endpoint: 'acme.cadent.example' }, /endpoint: must be an http or https URL/],
    [{ ...acme, endpoint: 'ftp://acme.cadent.example/' }, /endpoint: must be an http or https URL/],
    [{ ...acme, endpoint: 'https://user:secret@acme.example/' }, /without credentials/],
    [{ ...acme, keyHint: 'sk_live_1234567890abcdef' }, /keyHint: must be a hint .* never the key/],
  ])('refuses %o with a clear error', (input, message) => {
    const { store } = testStore();

    expect(() => store.connections.upsert(input)).toThrow(StoreError);
    expect(() => store.connections.upsert(input)).toThrow(message);
    expect(store.connections.list()).toEqual([]);
  });
});
