/**
 * Splits a full-name cell ("Léa Okoye", "Okoye, Léa", "Dr. Ann Lee Jr.") into the first and
 * last name Cadent hashes separately. A leading title and a trailing generational suffix are
 * skipped when the name has more words, so "Dr." is never taken for a first name nor "Jr." for
 * a last name. (NORMALIZATION.md keeps titles inside a first-name cell; a split has to choose.)
 */
export function splitFullName(full: string): { first: string; last: string } {
  const trimmed = full.trim();
  const comma = trimmed.indexOf(',');
  if (comma > 0) {
    // "Last, First [Middle]" as CRMs and mail merges write it.
    const last = trimmed.slice(0, comma).trim();
    const first = firstWord(trimmed.slice(comma + 1));
    return { first, last };
  }
  const words = trimmed.split(/\s+/).filter((word) => word.length > 0);
  if (words.length > 2 && TITLES.has(simplify(words[0] ?? ''))) words.shift();
  while (words.length > 2 && SUFFIXES.has(simplify(words[words.length - 1] ?? ''))) words.pop();
  if (words.length === 0) return { first: '', last: '' };
  if (words.length === 1) return { first: words[0] ?? '', last: '' };
  return { first: words[0] ?? '', last: words[words.length - 1] ?? '' };
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'esq']);

function simplify(word: string): string {
  return word.toLowerCase().replace(/[^a-z]/g, '');
}

function firstWord(text: string): string {
  return text.trim().split(/\s+/)[0] ?? '';
}
