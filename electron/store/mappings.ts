import { z } from 'zod';

import { SAVED_MAPPINGS } from './tables';
import { jsonTextSchema, nonEmptySchema, parseInput } from './validation';

import type { StoreContext } from './context';
import type { SavedMappingRecord } from './types';

/** Mappings saved for an export's header, applied again to the next file with the same header. */
export interface MappingRepository {
  /** Saves the mapping for its header signature, replacing any saved before. */
  save(mapping: MappingInput): SavedMappingRecord;
  findBySignature(headerSignature: string): SavedMappingRecord | null;
  /** By name. */
  list(): SavedMappingRecord[];
  /** False when nothing was saved for that signature. */
  remove(headerSignature: string): boolean;
}

export interface MappingInput {
  headerSignature: string;
  name: string;
  mappingJson: string;
}

/** Builds the saved-mappings repository over an open store. */
export function createMappingRepository(context: StoreContext): MappingRepository {
  const { db } = context;
  const upsert = db.prepare<MappingInput & { now: string }, SavedMappingRecord>(
    `INSERT INTO saved_mappings (header_signature, name, mapping_json, updated_at)
     VALUES (@headerSignature, @name, @mappingJson, @now)
     ON CONFLICT (header_signature) DO UPDATE SET
       name = excluded.name, mapping_json = excluded.mapping_json, updated_at = excluded.updated_at
     RETURNING ${SAVED_MAPPINGS.select}`,
  );
  const bySignature = db.prepare<[string], SavedMappingRecord>(
    `SELECT ${SAVED_MAPPINGS.select} FROM saved_mappings WHERE header_signature = ?`,
  );
  const listAll = db.prepare<[], SavedMappingRecord>(
    `SELECT ${SAVED_MAPPINGS.select} FROM saved_mappings
     ORDER BY name COLLATE NOCASE, name, header_signature`,
  );
  const remove = db.prepare<[string]>('DELETE FROM saved_mappings WHERE header_signature = ?');

  return {
    save(mapping) {
      const input = parseInput(mappingInputSchema, mapping, 'saved mapping');
      return upsert.get({ ...input, now: context.now() }) as SavedMappingRecord;
    },

    findBySignature: (headerSignature) => bySignature.get(headerSignature) ?? null,

    list: () => listAll.all(),

    remove: (headerSignature) => remove.run(headerSignature).changes > 0,
  };
}

const mappingInputSchema = z.strictObject({
  headerSignature: nonEmptySchema,
  name: nonEmptySchema,
  mappingJson: jsonTextSchema,
});
