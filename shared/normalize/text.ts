/**
 * The text steps NORMALIZATION.md applies to every field (NFC, trim, placeholders, lowercase)
 * and the character filters the field rules share. Everything here runs once per cell on
 * files of millions of rows, so steps skip work where they can: no NFC pass over ASCII, no
 * copy of a cell that needs no trimming.
 */

/** Placeholder cells that mean "no data" (step 4), compared lowercased. */
export const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'n/a',
  'na',
  'null',
  'none',
  'nan',
  '-',
  '--',
]);

/** Steps 2 and 3: Unicode NFC, then trim whitespace including U+00A0, U+200B and U+FEFF. */
export function toTrimmedNfc(raw: string): string {
  const composed = NON_ASCII.test(raw) ? raw.normalize('NFC') : raw;
  let start = 0;
  let end = composed.length;
  while (start < end && isTrimmedSpace(composed.charCodeAt(start))) start += 1;
  while (end > start && isTrimmedSpace(composed.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === composed.length ? composed : composed.slice(start, end);
}

/** Step 4: whether a trimmed cell is one of the placeholders, in any case. */
export function isPlaceholder(trimmed: string): boolean {
  return trimmed.length <= LONGEST_PLACEHOLDER && PLACEHOLDERS.has(trimmed.toLowerCase());
}

/**
 * Step 6: full Unicode lowercase that ignores the machine's locale, then "i" + U+0307 → "i",
 * because lowercasing "İ" yields that pair and a typed "i" must hash the same.
 */
export function toIdentityLowercase(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes(COMBINING_DOT_ABOVE) ? lower.replace(I_WITH_DOT_ABOVE, 'i') : lower;
}

/**
 * Folds Latin accents to ASCII ("josé" → "jose", "straße" → "strasse") for the `foldAccents`
 * switch. Only the combining diacritical blocks are stripped, not every mark: vowel signs of
 * Indic scripts or the Japanese voicing mark are letters' spelling, not accents.
 */
export function foldAccents(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(COMBINING_DIACRITICS, '')
    .normalize('NFC')
    .replace(UNDECOMPOSABLE_LATIN, (letter) => LATIN_ASCII_FOLDS.get(letter) ?? letter);
}

/** Removes every character that is not a Unicode letter. */
export function keepLetters(text: string): string {
  return text.replace(NOT_LETTER, '');
}

/** Removes every character that is not a Unicode letter or mark. */
export function keepLettersAndMarks(text: string): string {
  return text.replace(NOT_LETTER_OR_MARK, '');
}

/** Removes every character that is not a Unicode letter, mark or digit. */
export function keepLettersMarksAndDigits(text: string): string {
  return text.replace(NOT_LETTER_MARK_OR_DIGIT, '');
}

/** Removes every character that is not a Unicode letter or digit. */
export function keepLettersAndDigits(text: string): string {
  return text.replace(NOT_LETTER_OR_DIGIT, '');
}

/** Deletes all whitespace, the zero-width space included. */
export function deleteWhitespace(text: string): string {
  return text.replace(WHITESPACE, '');
}

/**
 * The key a name is looked up by in the state and country tables: lowercase letters only,
 * accents folded, "&" read as "and". Both the table and the cell go through it, so
 * "Österreich", "Osterreich" and "ÖSTERREICH" meet, and so do "Trinidad & Tobago" and
 * "Trinidad and Tobago".
 */
export function toLookupKey(text: string): string {
  const spelled = text.includes('&') ? text.replace(AMPERSAND, 'and') : text;
  return foldAccents(keepLetters(toIdentityLowercase(spelled)));
}

/** Shortens a value quoted in an omission detail, so a detail stays one short line. */
export function quoteForDetail(text: string): string {
  if (text.length <= MAX_QUOTED) return `"${text}"`;
  // By code points, so an emoji or a rare CJK character is never cut in half.
  return `"${Array.from(text).slice(0, MAX_QUOTED).join('')}…"`;
}

/**
 * JavaScript's whitespace (what `String#trim` and `\s` remove, U+00A0 and U+FEFF among them)
 * plus the zero-width space U+200B, which Unicode does not count as whitespace but which
 * pasted web text often carries.
 */
function isTrimmedSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const NON_ASCII = /\P{ASCII}/u;
const WHITESPACE = /[\s\u200b]+/g;
const LONGEST_PLACEHOLDER = 4;
const COMBINING_DOT_ABOVE = '\u0307';
const I_WITH_DOT_ABOVE = /i\u0307/g;
const AMPERSAND = /&/g;
const NOT_LETTER = /\P{L}+/gu;
const NOT_LETTER_OR_MARK = /[^\p{L}\p{M}]+/gu;
const NOT_LETTER_MARK_OR_DIGIT = /[^\p{L}\p{M}\p{N}]+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const MAX_QUOTED = 40;

// Combining Diacritical Marks, its Extended and Supplement blocks, and the half marks.
const COMBINING_DIACRITICS = /[\u0300-\u036f]|[\u1ab0-\u1aff]|[\u1dc0-\u1dff]|[\ufe20-\ufe2f]/g;

// Latin letters that carry their accent in the glyph and so survive NFD; lowercase only,
// since folding runs after step 6.
const LATIN_ASCII_FOLDS: ReadonlyMap<string, string> = new Map([
  ['æ', 'ae'],
  ['ð', 'd'],
  ['đ', 'd'],
  ['ħ', 'h'],
  ['ı', 'i'],
  ['ł', 'l'],
  ['ŋ', 'n'],
  ['ø', 'o'],
  ['œ', 'oe'],
  ['ß', 'ss'],
  ['þ', 'th'],
  ['ŧ', 't'],
]);
const UNDECOMPOSABLE_LATIN = /[æðđħıłŋøœßþŧ]/g;
