/** Reads a mapping's JSON form from a file, with errors that name the file and the field. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { parseMapping } from '../shared/mapping';

import type { Mapping } from '../shared/mapping';

export class MappingFileError extends Error {
  readonly code = 'mapping_file';
}

export async function loadMappingFile(filePath: string): Promise<Mapping> {
  const name = basename(filePath);
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : code;
    throw new MappingFileError(`mapping ${filePath}: ${why}`);
  }
  let json: unknown;
  try {
    // Notepad and Excel save UTF-8 with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new MappingFileError(`mapping ${name} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseMapping(json);
  if (!parsed.ok) {
    throw new MappingFileError(
      `mapping ${name} is not a valid mapping: ${parsed.errors.join('; ')}`,
    );
  }
  return parsed.mapping;
}
