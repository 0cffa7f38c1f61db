/*
 * The placeholders of the demo's story templates ({country}, {capital}, {demonym}, {agency}),
 * filled for one country and agency: by the demo seed and archive, and by the demo wire.
 */

/** Country names that take "the" in running text ("in the Philippines"). */
const NAMES_WITH_THE = new Set([
  'Philippines',
  'United States',
  'United Kingdom',
  'DR Congo',
  'Netherlands',
  'Gambia',
  'Bahamas',
  'Maldives',
  'Central African Republic',
  'United Arab Emirates',
  'Solomon Islands',
  'Marshall Islands',
  'Comoros',
]);
const theName = (name: string) => (NAMES_WITH_THE.has(name) ? `the ${name}` : name);

export interface PlaceholderValues {
  country: string;
  capital: string;
  demonym: string;
  agency: string;
}

/** Fills a template's placeholders with these values ("in the Philippines" where the name takes "the"). */
export const placeholderFiller =
  (values: PlaceholderValues) =>
  (text: string): string =>
    text
      .replace(/\b(in|of|across|for|to|from|throughout|with|and) \{country\}/g, (_, word: string) => `${word} ${theName(values.country)}`)
      .replaceAll('{country}', values.country)
      .replaceAll('{capital}', values.capital)
      .replaceAll('{demonym}', values.demonym)
      .replaceAll('{agency}', values.agency);
