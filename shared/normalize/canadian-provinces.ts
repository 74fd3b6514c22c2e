/**
 * Canadian provinces and territories as Canada Post codes, with their English and French
 * names. Names are matched through `toLookupKey`, so case, accents and punctuation do not
 * matter here.
 */
export const CANADIAN_PROVINCES: readonly (readonly [code: string, names: readonly string[]])[] = [
  ['ab', ['Alberta']],
  ['bc', ['British Columbia', 'Colombie-Britannique']],
  ['mb', ['Manitoba']],
  ['nb', ['New Brunswick', 'Nouveau-Brunswick']],
  ['nl', ['Newfoundland and Labrador', 'Newfoundland', 'Terre-Neuve-et-Labrador']],
  ['ns', ['Nova Scotia', 'Nouvelle-Écosse']],
  ['on', ['Ontario']],
  ['pe', ['Prince Edward Island', 'Île-du-Prince-Édouard', 'PEI']],
  ['qc', ['Quebec', 'Québec']],
  ['sk', ['Saskatchewan']],
  ['nt', ['Northwest Territories', 'Territoires du Nord-Ouest']],
  ['nu', ['Nunavut']],
  ['yt', ['Yukon', 'Yukon Territory']],
];
