import { compileMapping } from '../../shared/build-event';
import { mappingProblems } from '../../shared/mapping';

import { sha256Hex } from './sha256';

import type { CompiledMapping } from '../../shared/build-event';
import type { IdentityField } from '../../shared/cadent-fields';
import type { Mapping } from '../../shared/mapping';

/** Problems no preview can show around: a missing column, one property name for two columns. */
const BLOCKS_EVEN_A_PREVIEW = ['column ', 'property name '];

/**
 * Compiles a mapping for a file's headers with this process's SHA-256. A check or preview
 * may run on an unfinished mapping (only missing columns stop it); an upload may not.
 */
export function compileForFile(
  mapping: Mapping,
  headers: readonly string[],
  matchKey: IdentityField | null,
  now: Date,
  complete: boolean,
): CompiledMapping {
  const problems = mappingProblems(mapping, headers, matchKey).filter(
    (problem) => complete || BLOCKS_EVEN_A_PREVIEW.some((start) => problem.startsWith(start)),
  );
  if (problems.length > 0) throw new MappingMismatchError(problems);
  return compileMapping(mapping, headers, { hash: sha256Hex, now, matchKey });
}

/** The mapping names columns this file does not have, or misses required fields. */
export class MappingMismatchError extends Error {
  readonly code = 'mapping_mismatch';
  constructor(readonly problems: string[]) {
    super(`the mapping does not fit this file: ${problems.join('; ')}`);
    this.name = 'MappingMismatchError';
  }
}
