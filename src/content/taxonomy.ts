import { createRequire } from 'node:module';
import { z } from 'zod';
import { inTransaction, type DB } from '../db/connect.js';
import type { Selectable } from 'kysely';
import type { CountriesTable, EditionsTable, SectorsTable } from '../db/schema.js';
import { recordAudit, type Actor } from './audit.js';
import { NotFoundError, ValidationError, fromZod } from './errors.js';
import { announceChange, changeContent } from './events.js';
import { slugOf, slugSchema } from '../util/slug.js';
import { isTimeZone, utcOffsetMinutes } from '../util/time-zones.js';

/* Editions, sectors and countries: the three ways a story is filed and found. */

export interface Edition {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
  locale: string;
  /** Shown beside times, e.g. "IST" for Asia/Kolkata. */
  tzAbbreviation: string;
  /** Shown instead while daylight saving time is in force, e.g. "CEST"; null where there is none. */
  tzAbbreviationDst: string | null;
  isDefault: boolean;
  position: number;
}

export interface Sector {
  id: number;
  slug: string;
  name: string;
  description: string;
  position: number;
  /** What the wire desk recognises the sector by: one keyword or phrase per line ('' = the defaults for its slug). */
  keywords: string;
}

export interface Country {
  /** ISO 3166-1 alpha-2. */
  code: string;
  slug: string;
  name: string;
  officialName: string;
  demonym: string;
  capitals: string[];
  altNames: string[];
  region: string;
  subregion: string;
  editionId: number | null;
}

export const editionInput = z.object({
  slug: slugSchema(),
  name: z.string().trim().min(1).max(120),
  timeZone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a BCP 47 locale such as en-IN'),
  tzAbbreviation: z.string().trim().min(1).max(8),
  tzAbbreviationDst: z.string().trim().min(1).max(8).nullable().default(null),
  isDefault: z.boolean().default(false),
  position: z.number().int().default(0),
});
export type EditionInput = z.input<typeof editionInput>;

export const sectorInput = z.object({
  slug: slugSchema(),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  position: z.number().int().default(0),
  keywords: z.string().max(20_000, 'the keyword list is longer than 20,000 characters').default(''),
});
export type SectorInput = z.input<typeof sectorInput>;

const toEdition = (r: Selectable<EditionsTable>): Edition => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
  locale: r.locale,
  tzAbbreviation: r.tz_abbreviation,
  tzAbbreviationDst: r.tz_abbreviation_dst,
  isDefault: Boolean(r.is_default),
  position: r.position,
});

const toSector = (r: Selectable<SectorsTable>): Sector => ({ ...r });

const toCountry = (r: CountriesTable): Country => ({
  code: r.code,
  slug: r.slug,
  name: r.name,
  officialName: r.official_name,
  demonym: r.demonym,
  capitals: JSON.parse(r.capitals) as string[],
  altNames: JSON.parse(r.alt_names) as string[],
  region: r.region,
  subregion: r.subregion,
  editionId: r.edition_id,
});

// ── Editions ────────────────────────────────────────────────────────────────

export async function listEditions(db: DB): Promise<Edition[]> {
  const rows = await db.selectFrom('editions').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(toEdition);
}

export async function findEdition(db: DB, slug: string): Promise<Edition | null> {
  const row = await db.selectFrom('editions').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toEdition(row) : null;
}

/** The edition a story falls back to: the one marked default, else the first. */
export async function defaultEdition(db: DB): Promise<Edition> {
  const row = await db.selectFrom('editions').selectAll().orderBy('is_default', 'desc').orderBy('position').orderBy('id').executeTakeFirst();
  if (!row) throw new NotFoundError('No edition exists yet: create one (the demo seed makes twelve).');
  return toEdition(row);
}

/** Creates an edition, or updates the one with the same slug, audited. Only one edition is default. */
export async function saveEdition(db: DB, input: EditionInput, actor: Actor): Promise<Edition> {
  const parsed = editionInput.safeParse(input);
  if (!parsed.success) throw fromZod('edition', parsed.error);
  const e = parsed.data;
  const values = {
    slug: e.slug,
    name: e.name,
    time_zone: e.timeZone,
    locale: e.locale,
    tz_abbreviation: e.tzAbbreviation,
    tz_abbreviation_dst: e.tzAbbreviationDst,
    is_default: e.isDefault ? 1 : 0,
    position: e.position,
  };
  return changeContent(db, async (trx) => {
    if (e.isDefault) await trx.updateTable('editions').set({ is_default: 0 }).where('slug', '!=', e.slug).execute();
    await trx
      .insertInto('editions')
      .values(values)
      .onConflict((oc) => oc.column('slug').doUpdateSet(values))
      .execute();
    const edition = toEdition(await trx.selectFrom('editions').selectAll().where('slug', '=', e.slug).executeTakeFirstOrThrow());
    await recordAudit(trx, actor, 'edition.save', `edition ${edition.slug}`, `${edition.timeZone} ${edition.tzAbbreviation}`);
    announceChange(trx);
    return edition;
  });
}

// ── Sectors ─────────────────────────────────────────────────────────────────

export async function listSectors(db: DB): Promise<Sector[]> {
  const rows = await db.selectFrom('sectors').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(toSector);
}

export async function findSector(db: DB, slug: string): Promise<Sector | null> {
  const row = await db.selectFrom('sectors').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toSector(row) : null;
}

/** Creates a sector, or updates the one with the same slug, audited. */
export async function saveSector(db: DB, input: SectorInput, actor: Actor): Promise<Sector> {
  const parsed = sectorInput.safeParse(input);
  if (!parsed.success) throw fromZod('sector', parsed.error);
  const s = parsed.data;
  return changeContent(db, async (trx) => {
    await trx
      .insertInto('sectors')
      .values(s)
      .onConflict((oc) => oc.column('slug').doUpdateSet({ name: s.name, description: s.description, position: s.position, keywords: s.keywords }))
      .execute();
    await recordAudit(trx, actor, 'sector.save', `sector ${s.slug}`);
    announceChange(trx);
    return toSector(await trx.selectFrom('sectors').selectAll().where('slug', '=', s.slug).executeTakeFirstOrThrow());
  });
}

// ── Countries ───────────────────────────────────────────────────────────────

export async function listCountries(db: DB): Promise<Country[]> {
  const rows = await db.selectFrom('countries').selectAll().orderBy('name').execute();
  return rows.map(toCountry);
}

export async function findCountry(db: DB, code: string): Promise<Country | null> {
  const row = await db.selectFrom('countries').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
  return row ? toCountry(row) : null;
}

export async function findCountryBySlug(db: DB, slug: string): Promise<Country | null> {
  const row = await db.selectFrom('countries').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toCountry(row) : null;
}

/**
 * Files countries under a regional edition (their stories then belong there by default), or under
 * none, audited: one entry for the lot. An unknown edition or country changes nothing.
 */
export async function setCountryEdition(db: DB, codes: string | readonly string[], editionSlug: string | null, actor: Actor): Promise<void> {
  const list = [...new Set((typeof codes === 'string' ? [codes] : codes).map((c) => c.toUpperCase()))];
  if (list.length === 0) return;
  await changeContent(db, async (trx) => {
    let editionId: number | null = null;
    if (editionSlug) {
      const edition = await findEdition(trx, editionSlug);
      if (!edition) throw new ValidationError(`Unknown edition "${editionSlug}"`);
      editionId = edition.id;
    }
    const result = await trx.updateTable('countries').set({ edition_id: editionId }).where('code', 'in', list).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== list.length) {
      const known = new Set((await trx.selectFrom('countries').select('code').where('code', 'in', list).execute()).map((r) => r.code));
      throw new NotFoundError(`Unknown country code "${list.find((c) => !known.has(c))}"`);
    }
    await recordAudit(
      trx,
      actor,
      'country.edition',
      `${list.length === 1 ? 'country' : 'countries'} ${list.join(', ')}`,
      editionSlug ? `under edition ${editionSlug}` : 'under no edition',
    );
    announceChange(trx);
  });
}

interface WorldCountry {
  cca2: string;
  status: string;
  name: { common: string; official: string };
  capital: string[];
  altSpellings: string[];
  region: string;
  subregion: string;
  demonyms?: { eng?: { m: string; f: string } };
}

/** Every officially assigned ISO 3166-1 country from the world-countries package. */
export function referenceCountries(): Omit<Country, 'editionId'>[] {
  // world-countries is CommonJS JSON; its types claim a default export it does not have.
  const all = createRequire(import.meta.url)('world-countries') as WorldCountry[];
  return all
    .filter((c) => c.status === 'officially-assigned')
    .map((c) => ({
      code: c.cca2,
      slug: slugOf(c.name.common),
      name: c.name.common,
      officialName: c.name.official,
      demonym: c.demonyms?.eng?.m ?? '',
      capitals: c.capital ?? [],
      altNames: (c.altSpellings ?? []).filter((a) => a !== c.cca2),
      region: c.region,
      subregion: c.subregion ?? '',
    }));
}

/** Loads or refreshes the country list; keeps each country's edition. Idempotent. */
export async function loadReferenceCountries(db: DB): Promise<number> {
  const countries = referenceCountries();
  const rows = countries.map((c) => ({
    code: c.code,
    slug: c.slug,
    name: c.name,
    official_name: c.officialName,
    demonym: c.demonym,
    capitals: JSON.stringify(c.capitals),
    alt_names: JSON.stringify(c.altNames),
    region: c.region,
    subregion: c.subregion,
  }));
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < rows.length; i += 100) {
      await trx
        .insertInto('countries')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            slug: eb.ref('excluded.slug'),
            name: eb.ref('excluded.name'),
            official_name: eb.ref('excluded.official_name'),
            demonym: eb.ref('excluded.demonym'),
            capitals: eb.ref('excluded.capitals'),
            alt_names: eb.ref('excluded.alt_names'),
            region: eb.ref('excluded.region'),
            subregion: eb.ref('excluded.subregion'),
          })),
        )
        .execute();
    }
  });
  return rows.length;
}

/** The abbreviation to print beside a time in this edition, e.g. "IST", or "CEST" in summer. */
export function zoneAbbreviationAt(edition: Pick<Edition, 'timeZone' | 'tzAbbreviation' | 'tzAbbreviationDst'>, at: Date): string {
  if (!edition.tzAbbreviationDst) return edition.tzAbbreviation;
  const year = at.getUTCFullYear();
  const offsets = [Date.UTC(year, 0, 1), Date.UTC(year, 6, 1)].map((t) => utcOffsetMinutes(edition.timeZone, new Date(t)));
  const standard = Math.min(...offsets);
  return utcOffsetMinutes(edition.timeZone, at) > standard ? edition.tzAbbreviationDst : edition.tzAbbreviation;
}

/** Loads the countries unless every reference country is already there. */
export async function ensureReferenceCountries(db: DB): Promise<void> {
  const row = await db
    .selectFrom('countries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(row.n) < referenceCountries().length) await loadReferenceCountries(db);
}
