import { listCountriesInUse } from './articles.js';
import { getSiteSettings, type SiteSettings } from './settings.js';
import { listCountries, listEditions, listSectors, type Country, type Edition, type Sector } from './taxonomy.js';
import type { DB } from '../db/connect.js';
import { emitContentChange, onContentChanged } from './events.js';
import { SITE_KEY } from './surrogate-keys.js';

/** What nearly every page needs besides its stories: settings and the taxonomy, by key. */
export interface Directory {
  settings: SiteSettings;
  sectors: Sector[];
  sectorBySlug: Map<string, Sector>;
  editions: Edition[];
  editionById: Map<number, Edition>;
  editionBySlug: Map<string, Edition>;
  defaultEdition: Edition;
  countryByCode: Map<string, Country>;
  countryBySlug: Map<string, Country>;
  /** Countries with at least one published story, by name. */
  countriesInUse: Country[];
  /** The countries with the most published stories (at most MENU_COUNTRIES), by name: the menu's short list. */
  busiestCountries: Country[];
}

/** The menu lists this many countries and links to the page of all of them. */
export const MENU_COUNTRIES = 12;

const TTL_MS = 10_000;

/** Loads the directory at most once per TTL_MS, and again as soon as content changes in this
 *  process; `dispose` stops listening. */
/** The app's one directory: every plugin and worker of a process reads the same cached copy. */
export type DirectoryLoader = ReturnType<typeof directoryLoader>;

export function directoryLoader(db: DB): { get(): Promise<Directory>; dispose(): void } {
  let cached: { at: number; value: Promise<Directory> } | null = null;
  // Every page shows the menu: when a story changes which countries it lists, every page changes.
  let menu: string | null = null;
  const menuOf = (d: Directory) => d.busiestCountries.map((c) => c.code).join(',');
  const get = () => {
    if (!cached || Date.now() - cached.at > TTL_MS) {
      const value = load(db);
      cached = { at: Date.now(), value };
      value.then(
        (d) => {
          const now = menuOf(d);
          if (menu !== null && now !== menu) emitContentChange([SITE_KEY], 'derived');
          menu = now;
        },
        () => (cached = null),
      );
    }
    return cached.value;
  };
  const dispose = onContentChanged((change) => {
    cached = null;
    // Read again at once (not at the next page) so a changed menu drops the pages showing it.
    if (!change.keys.has(SITE_KEY) && change.origin !== 'derived') void get().catch(() => undefined);
  });
  return { dispose, get };
}

async function load(db: DB): Promise<Directory> {
  const [settings, sectors, editions, countries, inUse] = await Promise.all([
    getSiteSettings(db),
    listSectors(db),
    listEditions(db),
    listCountries(db),
    listCountriesInUse(db),
  ]);
  const countryByCode = new Map(countries.map((c) => [c.code, c]));
  const fallbackEdition: Edition = {
    id: 0,
    slug: 'global',
    name: 'Global',
    timeZone: 'UTC',
    locale: 'en',
    tzAbbreviation: 'UTC',
    tzAbbreviationDst: null,
    isDefault: true,
    position: 0,
  };
  return {
    settings,
    sectors,
    sectorBySlug: new Map(sectors.map((s) => [s.slug, s])),
    editions,
    editionById: new Map(editions.map((e) => [e.id, e])),
    editionBySlug: new Map(editions.map((e) => [e.slug, e])),
    defaultEdition: editions.find((e) => e.isDefault) ?? editions[0] ?? fallbackEdition,
    countryByCode,
    countryBySlug: new Map(countries.map((c) => [c.slug, c])),
    countriesInUse: byName(inUse.flatMap((c) => countryByCode.get(c.code) ?? [])),
    busiestCountries: byName(
      [...inUse]
        .sort((a, b) => b.stories - a.stories || a.code.localeCompare(b.code))
        .slice(0, MENU_COUNTRIES)
        .flatMap((c) => countryByCode.get(c.code) ?? []),
    ),
  };
}

const byName = (countries: Country[]) => countries.sort((a, b) => a.name.localeCompare(b.name));
