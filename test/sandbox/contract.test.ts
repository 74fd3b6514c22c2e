import { describe, expect, it } from 'vitest';

import {
  acceptsJson,
  checkEvent,
  contentCoding,
  CONVERSION_TYPES,
  HASHED_USER_FIELDS,
  isJsonContentType,
  matchRoute,
  parseBatch,
} from './contract';
import { NOW, sha256, validEvent } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);

describe('the contract module', () => {
  it('names the ten identity fields and the ten conversion types of CADENT_API.md', () => {
    expect(HASHED_USER_FIELDS).toHaveLength(10);
    expect(HASHED_USER_FIELDS).toContain('external-id');
    expect(CONVERSION_TYPES).toHaveLength(10);
    expect(CONVERSION_TYPES).toContain('physical_store_visit');
  });

  it('matches the two routes and percent-decodes the dataset ID', () => {
    expect(matchRoute('/v1/datasets/ds_crm')).toEqual({ kind: 'dataset', datasetId: 'ds_crm' });
    expect(matchRoute('/v1/datasets/ds%20x/events')).toEqual({ kind: 'events', datasetId: 'ds x' });
    for (const path of [
      '/v1/datasets/',
      '/v1/datasets/a/b',
      '/v2/datasets/a',
      '/v1/datasets/%E0',
    ]) {
      expect(matchRoute(path)).toBeNull();
    }
  });

  it('reads accept, content-type and content-encoding strictly', () => {
    expect(acceptsJson('application/json')).toBe(true);
    expect(acceptsJson('Application/JSON; q=0.5')).toBe(true);
    expect(acceptsJson(undefined)).toBe(false);
    expect(acceptsJson('*/*')).toBe(false);
    expect(acceptsJson('application/*')).toBe(false);
    expect(acceptsJson('application/json; q=0')).toBe(false);

    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType(undefined)).toBe(false);
    expect(isJsonContentType('application/json-patch+json')).toBe(false);
    expect(isJsonContentType('application/json; charset=utf-16')).toBe(false);

    expect(contentCoding(undefined)).toBe('identity');
    expect(contentCoding('identity')).toBe('identity');
    expect(contentCoding('GZIP')).toBe('gzip');
    expect(contentCoding('gzip, gzip')).toBeNull();
    expect(contentCoding('x-gzip')).toBeNull();
  });

  it('counts lengths in code points', () => {
    const emoji = '😀'.repeat(128);
    expect(emoji.length).toBe(256);

    const parsed = parseBatch(encode(JSON.stringify({ events: [validEvent(emoji)] })));

    expect(parsed.ok).toBe(true);
  });

  it('tells the event count even when it refuses the body', () => {
    const parsed = parseBatch(encode(JSON.stringify({ events: [validEvent('a'), 3] })));

    expect(parsed).toMatchObject({ ok: false, code: 'invalid_request', eventCount: 2 });
  });

  it('reports the first failing check only, in the documented order', () => {
    const event = validEvent('a', {
      event_name: '',
      conversion_type: 'nope',
      user: { em: 'raw' },
    });

    expect(checkEvent(event, 'em', NOW)?.code).toBe('missing_event_name');
    expect(checkEvent({ ...event, event_name: 'x' }, 'em', NOW)?.code).toBe(
      'invalid_conversion_type',
    );
    expect(checkEvent({ ...validEvent('a'), user: { fn: 'raw' } }, 'em', NOW)?.code).toBe(
      'missing_match_key',
    );
  });

  it('takes fractions of a second and leap days', () => {
    const at = (event_time: string) => checkEvent(validEvent('a', { event_time }), 'em', NOW);

    expect(at('2026-11-30T23:59:59.123456789Z')).toBeNull();
    expect(at('2026-11-30T23:59:59.Z')?.code).toBe('invalid_event_time');
    expect(
      checkEvent(
        validEvent('a', { event_time: '2028-02-29T12:00:00Z' }),
        'em',
        new Date('2028-03-01T00:00:00Z'),
      ),
    ).toBeNull();
    expect(at('2026-02-29T12:00:00Z')?.code).toBe('invalid_event_time');
    expect(at('2026-11-30 14:05:00Z')?.code).toBe('invalid_event_time');
  });

  it('wants hashes for every identity field present, not only the match key', () => {
    const user = { 'external-id': sha256('c-1'), country: 'us' };

    expect(checkEvent(validEvent('a', { user }), 'external-id', NOW)?.code).toBe('invalid_hash');
  });
});
