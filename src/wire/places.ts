import { createRequire } from 'node:module';
import { fold } from './text.js';

/**
 * The gazetteer: every way copy names a country, folded, mapped to its ISO code. Built from
 * world-countries (names, official names, alternative spellings, demonyms, capitals) plus the
 * cities below. Longest phrase wins, so "South Sudan" is not Sudan and "Niger Delta" is Nigeria.
 */

export type PlaceKind = 'name' | 'demonym' | 'city' | 'hub' | 'none';

export interface PlaceEntry {
  /** ISO 3166-1 alpha-2; '' for phrases that look like a place but name none ("Indian Ocean"). */
  code: string;
  kind: PlaceKind;
}

interface WorldCountry {
  cca2: string;
  independent: boolean | null;
  status: string;
  name: { common: string; official: string };
  altSpellings?: string[];
  capital?: string[];
  demonyms?: { eng?: { m: string; f: string } };
}

/**
 * Major cities that are not capitals, with their country. Kept small on purpose: the cities
 * development news is filed from. Add to it when copy names one the desk cares about.
 */
const majorCities: Record<string, string> = {
  Mumbai: 'IN',
  Kolkata: 'IN',
  Chennai: 'IN',
  Bengaluru: 'IN',
  Bangalore: 'IN',
  Hyderabad: 'IN',
  Ahmedabad: 'IN',
  Pune: 'IN',
  Lucknow: 'IN',
  Patna: 'IN',
  Jaipur: 'IN',
  Chittagong: 'BD',
  Chattogram: 'BD',
  Khulna: 'BD',
  Sylhet: 'BD',
  "Cox's Bazar": 'BD',
  Karachi: 'PK',
  Lahore: 'PK',
  Peshawar: 'PK',
  Quetta: 'PK',
  Pokhara: 'NP',
  Kandy: 'LK',
  Herat: 'AF',
  Kandahar: 'AF',
  Surabaya: 'ID',
  Bandung: 'ID',
  Medan: 'ID',
  Makassar: 'ID',
  'Ho Chi Minh City': 'VN',
  Saigon: 'VN',
  'Da Nang': 'VN',
  Cebu: 'PH',
  Davao: 'PH',
  Yangon: 'MM',
  Mandalay: 'MM',
  'Chiang Mai': 'TH',
  Shanghai: 'CN',
  Guangzhou: 'CN',
  Shenzhen: 'CN',
  'Siem Reap': 'KH',
  Lae: 'PG',
  Almaty: 'KZ',
  Samarkand: 'UZ',
  Bukhara: 'UZ',
  Osh: 'KG',
  Kharkiv: 'UA',
  Odesa: 'UA',
  Odessa: 'UA',
  Lviv: 'UA',
  Istanbul: 'TR',
  Izmir: 'TR',
  Lubumbashi: 'CD',
  Goma: 'CD',
  Bukavu: 'CD',
  Douala: 'CM',
  'Pointe-Noire': 'CG',
  Abidjan: 'CI',
  Mombasa: 'KE',
  Kisumu: 'KE',
  Eldoret: 'KE',
  Nakuru: 'KE',
  Arusha: 'TZ',
  Mwanza: 'TZ',
  Zanzibar: 'TZ',
  'Dar es Salaam': 'TZ',
  Gulu: 'UG',
  Jinja: 'UG',
  Mekelle: 'ET',
  'Dire Dawa': 'ET',
  Hargeisa: 'SO',
  Kismayo: 'SO',
  Juba: 'SS',
  'Port Sudan': 'SD',
  Omdurman: 'SD',
  Johannesburg: 'ZA',
  'Cape Town': 'ZA',
  Durban: 'ZA',
  Soweto: 'ZA',
  Beira: 'MZ',
  Nampula: 'MZ',
  Blantyre: 'MW',
  Ndola: 'ZM',
  Kitwe: 'ZM',
  Bulawayo: 'ZW',
  Lagos: 'NG',
  Kano: 'NG',
  Ibadan: 'NG',
  'Port Harcourt': 'NG',
  'Niger Delta': 'NG',
  Kumasi: 'GH',
  Tamale: 'GH',
  Touba: 'SN',
  'Saint-Louis': 'SN',
  Timbuktu: 'ML',
  Agadez: 'NE',
  Alexandria: 'EG',
  Giza: 'EG',
  Aswan: 'EG',
  Luxor: 'EG',
  Casablanca: 'MA',
  Marrakesh: 'MA',
  Marrakech: 'MA',
  Tangier: 'MA',
  Fez: 'MA',
  Sfax: 'TN',
  Benghazi: 'LY',
  Oran: 'DZ',
  Aqaba: 'JO',
  Irbil: 'IQ',
  Erbil: 'IQ',
  Basra: 'IQ',
  Mosul: 'IQ',
  Aleppo: 'SY',
  Aden: 'YE',
  "Sana'a": 'YE',
  Jeddah: 'SA',
  Dubai: 'AE',
  Tabriz: 'IR',
  Gaza: 'PS',
  'West Bank': 'PS',
  Ramallah: 'PS',
  'São Paulo': 'BR',
  'Sao Paulo': 'BR',
  'Rio de Janeiro': 'BR',
  Manaus: 'BR',
  Recife: 'BR',
  Salvador: 'BR',
  'Belo Horizonte': 'BR',
  Medellín: 'CO',
  Medellin: 'CO',
  Cali: 'CO',
  Barranquilla: 'CO',
  Cartagena: 'CO',
  Cusco: 'PE',
  Arequipa: 'PE',
  Guayaquil: 'EC',
  'Santa Cruz': 'BO',
  'El Alto': 'BO',
  Cochabamba: 'BO',
  Guadalajara: 'MX',
  Monterrey: 'MX',
  Tijuana: 'MX',
  Oaxaca: 'MX',
  'Cap-Haïtien': 'HT',
  'Cap-Haitien': 'HT',
  'San Pedro Sula': 'HN',
  Quetzaltenango: 'GT',
  Córdoba: 'AR',
  Rosario: 'AR',
  Valparaíso: 'CL',
  Valparaiso: 'CL',
  'New York': 'US',
  'Los Angeles': 'US',
  Chicago: 'US',
  Houston: 'US',
  Atlanta: 'US',
  Miami: 'US',
  Boston: 'US',
  Seattle: 'US',
  'San Francisco': 'US',
  'New Orleans': 'US',
  Detroit: 'US',
  // The United Kingdom's nations and their cities: "Northern Ireland" is not Ireland.
  'Northern Ireland': 'GB',
  'Northern Irish': 'GB',
  Belfast: 'GB',
  Derry: 'GB',
  Scotland: 'GB',
  Scottish: 'GB',
  Wales: 'GB',
  Welsh: 'GB',
  England: 'GB',
  Edinburgh: 'GB',
  Glasgow: 'GB',
  Cardiff: 'GB',
  Manchester: 'GB',
  // Longer names that contain a nation's: the longest phrase wins.
  'New England': 'US',
  'New South Wales': 'AU',
  Toronto: 'CA',
  Montreal: 'CA',
  Vancouver: 'CA',
  Sydney: 'AU',
  Melbourne: 'AU',
  Auckland: 'NZ',
  Lautoka: 'FJ',
  Nadi: 'FJ',
};

/** International hubs: a dateline or a mention there often says where talks were held, not whom they are about. */
const hubCities = new Set([
  'Geneva',
  'New York',
  'Brussels',
  'Washington',
  'London',
  'Paris',
  'Rome',
  'Vienna',
  'The Hague',
  'Nairobi',
  'Johannesburg',
  'Dakar',
  'Bangkok',
  'Addis Ababa',
  'Dubai',
  'Panama City',
  'Manila',
]);

/** Phrases that contain a country-like word but name no country. */
const notPlaces = [
  'Somali region',
  'Somali Region',
  'Indian Ocean',
  'Indian rupee',
  'Pacific Ocean',
  'Atlantic Ocean',
  'Turkey meat',
  'Chad Basin',
  'Lake Chad',
  'Guinea worm',
  'New Guinea',
  'African Union',
  'Asian Development Bank',
  'Arab League',
  'Latin American',
];

/** Demonyms two countries share: the one copy almost always means. */
const preferred: Record<string, string> = { congolese: 'CD', dominican: 'DO', american: 'US', indian: 'IN', french: 'FR', dutch: 'NL', norwegian: 'NO' };

/** Spellings too ambiguous to count as a country on their own. */
const skipped = new Set(['male', 'victoria', 'kingston', 'georgetown', 'jerusalem', 'santiago', 'san jose', 'melville']);

export interface Gazetteer {
  /** Folded phrase (words joined by single spaces) → entry. */
  phrases: Map<string, PlaceEntry>;
  /** Every phrase's leading words (one word, two, …, all but the last): a lookup stops where a
   *  text's words are no longer the start of any phrase. */
  prefixes: Set<string>;
}

let cached: Gazetteer | null = null;

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const phrases = new Map<string, PlaceEntry>();
  const add = (phrase: string, entry: PlaceEntry, override = false) => {
    if (phrase.includes(',') || phrase.length < 3) return;
    const key = phraseKey(phrase);
    if (!key || skipped.has(key)) return;
    if (!override && phrases.has(key)) return;
    phrases.set(key, entry);
  };
  const all = (createRequire(import.meta.url)('world-countries') as WorldCountry[]).filter((c) => c.status === 'officially-assigned');
  // Independent countries first, so a territory never takes a sovereign country's word.
  all.sort((a, b) => Number(b.independent === true) - Number(a.independent === true));
  for (const c of all) {
    add(c.name.common, { code: c.cca2, kind: 'name' });
    add(c.name.official, { code: c.cca2, kind: 'name' });
    for (const alt of c.altSpellings ?? []) if (alt !== c.cca2 && !/^[A-Z]{2}$/.test(alt)) add(alt, { code: c.cca2, kind: 'name' });
    for (const capital of c.capital ?? []) add(capital, { code: c.cca2, kind: hubCities.has(capital) ? 'hub' : 'city' });
    const demonym = c.demonyms?.eng;
    if (demonym) {
      add(demonym.m, { code: preferred[fold(demonym.m)] ?? c.cca2, kind: 'demonym' });
      add(demonym.f, { code: preferred[fold(demonym.f)] ?? c.cca2, kind: 'demonym' });
    }
  }
  for (const [city, code] of Object.entries(majorCities)) add(city, { code, kind: hubCities.has(city) ? 'hub' : 'city' }, true);
  for (const extra of [
    ['U.S.', 'US'],
    ['USA', 'US'],
    ['UK', 'GB'],
    ['Britain', 'GB'],
    ['UAE', 'AE'],
    ['Ivory Coast', 'CI'],
    ['East Timor', 'TL'],
    ['Czech Republic', 'CZ'],
    ['Burma', 'MM'],
    ['Swaziland', 'SZ'],
    ['Cape Verde', 'CV'],
    ['Kyrgyz', 'KG'],
    ['Emirati', 'AE'],
    ['Congo-Brazzaville', 'CG'],
    ['Congo Republic', 'CG'],
    ['Democratic Republic of Congo', 'CD'],
  ] as const) {
    add(extra[0], { code: extra[1], kind: 'name' }, true);
  }
  for (const phrase of notPlaces) add(phrase, { code: '', kind: 'none' }, true);
  const prefixes = new Set<string>();
  for (const key of phrases.keys()) {
    const words = key.split(' ');
    for (let n = 1; n < words.length; n++) prefixes.add(words.slice(0, n).join(' '));
  }
  cached = { phrases, prefixes };
  return cached;
}

/** Folded words of a phrase joined by spaces: the gazetteer's key. */
export function phraseKey(phrase: string): string {
  return (fold(phrase).match(/[a-z0-9]+(?:['’][a-z]+)?/g) ?? []).join(' ').replace(/’/g, "'");
}

export interface PlaceMention {
  code: string;
  kind: PlaceKind;
  /** Word position in the text. */
  at: number;
  /** The word before, folded ("in", "from"). */
  before: string;
}

/**
 * Places named in a text. Only capitalised phrases count ("Chad" the country, not "chad"), and
 * the longest phrase at each position wins.
 */
export function findPlaces(text: string): PlaceMention[] {
  const { phrases, prefixes } = gazetteer();
  // "Ghana's" is Ghana: the possessive is dropped before the lookup.
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)].map((m) => m[0].replace(/['’]s$/u, ''));
  // Keys are made only where a capitalised word starts a possible place name.
  const keys: (string | undefined)[] = new Array(tokens.length);
  const keyAt = (j: number) => (keys[j] ??= phraseKey(tokens[j]!));
  const out: PlaceMention[] = [];
  for (let i = 0; i < tokens.length;) {
    if (!/^\p{Lu}/u.test(tokens[i]!)) {
      i++;
      continue;
    }
    // The longest phrase starting here: words are added while they still begin some phrase.
    let matched = 0;
    let found: PlaceEntry | undefined;
    let phrase = keyAt(i);
    for (let n = 1; i + n <= tokens.length; n++) {
      if (n > 1) phrase += ` ${keyAt(i + n - 1)}`;
      const entry = phrases.get(phrase);
      if (entry) [found, matched] = [entry, n];
      if (!prefixes.has(phrase)) break;
    }
    if (found?.code) out.push({ code: found.code, kind: found.kind, at: i, before: i > 0 ? keyAt(i - 1) : '' });
    i += matched || 1;
  }
  return out;
}

/** The country a dateline city names, if the gazetteer knows it. */
export function countryOfCity(city: string): string | null {
  const entry = gazetteer().phrases.get(phraseKey(city));
  return entry?.code ? entry.code : null;
}
