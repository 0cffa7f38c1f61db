import { ValidationError } from './errors.js';
import type { Country } from './taxonomy.js';

/** The editor files stories under countries picked by name; the domain keeps ISO codes. */

type Named = Pick<Country, 'code' | 'name' | 'officialName' | 'altNames'>;

const key = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[’‘`´]/g, "'");

/** Every way the desk may write a country (its name, official name, other spellings, code), to its code. */
function lookupOf(countries: readonly Named[]): Map<string, string> {
  const byKey = new Map<string, string>();
  // Other spellings first, so a country's own name wins where two countries share a spelling.
  for (const c of countries) for (const alt of c.altNames) byKey.set(key(alt), c.code);
  for (const c of countries) {
    byKey.set(key(c.officialName), c.code);
    byKey.set(key(c.name), c.code);
    byKey.set(key(c.code), c.code);
  }
  return byKey;
}

/**
 * The codes of the countries named in `text` (names separated by commas, semicolons or new lines),
 * and the names it does not know. A name that itself holds a comma ("Saint Helena, Ascension and
 * Tristan da Cunha") is taken whole before the text is split.
 */
export function countryCodesFromNames(text: string, countries: readonly Named[]): { codes: string[]; unknown: string[] } {
  const lookup = lookupOf(countries);
  const codes: string[] = [];
  let rest = key(text.replace(/\n/g, ';'));
  for (const c of countries) {
    const name = key(c.name);
    if (name.includes(',') && rest.includes(name)) {
      codes.push(c.code);
      rest = rest.replace(name, ',');
    }
  }
  const unknown: string[] = [];
  const original = text.split(/[,;\n]/).map((p) => p.trim());
  for (const part of rest
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const code = lookup.get(part);
    if (code) codes.push(code);
    else unknown.push(original.find((o) => key(o) === part) ?? part);
  }
  return { codes: [...new Set(codes)], unknown };
}

/** The codes of the countries named, or a refusal naming each one that is not a country. */
export function resolveCountryNames(text: string, countries: readonly Named[]): string[] {
  const { codes, unknown } = countryCodesFromNames(text, countries);
  if (unknown.length) {
    const problems = unknown.map((u) => `countries: there is no country called "${u}"; pick a name from the list (for example "India" or "Nepal")`);
    throw new ValidationError(problems.join('; '), problems);
  }
  return codes;
}
