import { describe, expect, it } from 'vitest';

import { START, testStore } from './test-store';

const shopify = {
  headerSignature: 'created at|email|total',
  name: 'Shopify orders',
  mappingJson: '{"em":{"column":"Email"}}',
};

describe('saved mappings', () => {
  it('saves a mapping and finds it by its header signature', () => {
    const { store } = testStore();

    const saved = store.mappings.save(shopify);

    expect(saved).toEqual({ ...shopify, updatedAt: START });
    expect(store.mappings.findBySignature(shopify.headerSignature)).toEqual(saved);
    expect(store.mappings.findBySignature('other|header')).toBeNull();
  });

  it('replaces the mapping saved for the same header', () => {
    const { store, clock } = testStore();
    store.mappings.save(shopify);
    clock.advance(1000);

    store.mappings.save({ ...shopify, name: 'Shopify v2', mappingJson: '{}' });

    expect(store.mappings.list()).toEqual([
      { ...shopify, name: 'Shopify v2', mappingJson: '{}', updatedAt: '2025-03-01T12:00:01.000Z' },
    ]);
  });

  it('lists mappings by name', () => {
    const { store } = testStore();
    store.mappings.save({ ...shopify, headerSignature: 'a', name: 'square' });
    store.mappings.save({ ...shopify, headerSignature: 'b', name: 'HubSpot' });
    store.mappings.save({ ...shopify, headerSignature: 'c', name: 'CallRail' });

    expect(store.mappings.list().map((mapping) => mapping.name)).toEqual([
      'CallRail',
      'HubSpot',
      'square',
    ]);
  });

  it('removes a mapping, saying whether there was one', () => {
    const { store } = testStore();
    store.mappings.save(shopify);

    expect(store.mappings.remove(shopify.headerSignature)).toBe(true);
    expect(store.mappings.remove(shopify.headerSignature)).toBe(false);
    expect(store.mappings.list()).toEqual([]);
  });

  it('refuses a mapping that is not JSON or has no name', () => {
    const { store } = testStore();

    expect(() => store.mappings.save({ ...shopify, mappingJson: '{em:' })).toThrow(
      'Invalid saved mapping: mappingJson: must be valid JSON.',
    );
    expect(() => store.mappings.save({ ...shopify, name: '' })).toThrow(/name: must not be empty/);
    expect(store.mappings.list()).toEqual([]);
  });
});
