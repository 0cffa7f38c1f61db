import { resolveCountryNames } from '../content/country-names.js';
import type { Country } from '../content/taxonomy.js';

/** The article form's countries: the ticked codes, then those added by name (a refusal names any unknown one). */
export function countriesFromForm(ticked: readonly string[], typedNames: string, countries: readonly Country[]): string[] {
  // Older forms and scripts send codes separated by commas in one field.
  const codes = ticked
    .flatMap((c) => c.split(/[\s,;]+/))
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return [...new Set([...codes, ...resolveCountryNames(typedNames, countries)])];
}
