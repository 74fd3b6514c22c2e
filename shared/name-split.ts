/**
 * Splits a full-name cell ("Léa Okoye", "Okoye, Léa", "Dr. Ann Lee Jr.") into the first and
 * last name Cadent hashes separately. A leading title and trailing generational suffixes are
 * skipped whenever another word is left, so "Dr." is never taken for a first name nor "Jr." for
 * a last name; after a title, a lone word is the last name ("Mr Smith"). (NORMALIZATION.md keeps
 * titles inside a first-name cell; a split has to choose.)
 */
export function splitFullName(full: string): { first: string; last: string } {
  const trimmed = full.trim();
  const comma = trimmed.indexOf(',');
  if (comma > 0) {
    const after = wordsOf(trimmed.slice(comma + 1));
    // "John Smith, Jr.": what follows the comma is a suffix, not a first name.
    if (after.length > 0 && after.every(isSuffix)) return splitFullName(trimmed.slice(0, comma));
    // "Last, First [Middle]" as CRMs and mail merges write it.
    const last = withoutSuffixes(wordsOf(trimmed.slice(0, comma))).join(' ');
    return { first: after[0] ?? '', last };
  }

  const words = wordsOf(trimmed);
  const titled = words.length > 1 && TITLES.has(simplify(words[0] ?? ''));
  if (titled) words.shift();
  const rest = withoutSuffixes(words);
  const [first = '', ...others] = rest;
  if (others.length === 0) return titled ? { first: '', last: first } : { first, last: '' };
  return { first, last: others[others.length - 1] ?? '' };
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'esq']);

function simplify(word: string): string {
  return word.toLowerCase().replace(/[^a-z]/g, '');
}

function isSuffix(word: string): boolean {
  return SUFFIXES.has(simplify(word));
}

function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

/** The words without trailing suffixes, keeping at least one word. */
function withoutSuffixes(words: string[]): string[] {
  const kept = [...words];
  while (kept.length > 1 && isSuffix(kept[kept.length - 1] ?? '')) kept.pop();
  return kept;
}
