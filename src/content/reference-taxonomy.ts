import type { Actor } from './audit.js';
import type { DB } from '../db/connect.js';
import { listCountries, saveEdition, saveSector, setCountryEdition, type EditionInput, type SectorInput } from './taxonomy.js';

/* The reference taxonomy of the outlet Wiredesk models (docs: product.md): fifteen sectors, a
 * global edition and eleven regional ones with their time zones, and which edition each country's
 * stories belong to. `wiredesk init` (and the first-run screen) and the demo seed both load it. */

/** The fifteen development sectors of the outlet we model. */
export const referenceSectors: SectorInput[] = [
  ['agriculture-forestry', 'Agriculture & Forestry', 'Farming, food security, fisheries and forests.'],
  ['art-culture', 'Art & Culture', 'Heritage, the arts, media and creative industries.'],
  ['technology', 'Technology', 'Digital public infrastructure, connectivity and innovation.'],
  ['economy-business', 'Economy & Business', 'Growth, trade, jobs, finance and enterprise.'],
  ['education', 'Education', 'Schools, universities, skills and learning.'],
  ['energy-extractives', 'Energy & Extractives', 'Power, renewables, oil, gas and mining.'],
  ['politics', 'Politics', 'Elections, parliaments and public policy.'],
  ['law-governance', 'Law & Governance', 'Courts, rights, institutions and public administration.'],
  ['health', 'Health', 'Public health, health systems and medicine.'],
  ['science-environment', 'Science & Environment', 'Climate, biodiversity, pollution and research.'],
  ['social-gender', 'Social & Gender', 'Gender equality, inclusion, social protection and migration.'],
  ['sports', 'Sports', 'Sport for development, events and athletes.'],
  ['transport', 'Transport', 'Roads, rail, ports, aviation and mobility.'],
  ['urban-development', 'Urban Development', 'Cities, housing and local government.'],
  ['water-sanitation', 'Water & Sanitation', 'Drinking water, sanitation and hygiene.'],
].map(([slug, name, description], position) => ({ slug: slug!, name: name!, description: description!, position }));

/** A global edition and eleven regional ones, each with the time zone its readers live by. */
export const referenceEditions: EditionInput[] = [
  { slug: 'global', name: 'Global', timeZone: 'UTC', locale: 'en', tzAbbreviation: 'UTC', isDefault: true },
  { slug: 'south-asia', name: 'South Asia', timeZone: 'Asia/Kolkata', locale: 'en-IN', tzAbbreviation: 'IST' },
  { slug: 'east-south-east-asia', name: 'East & South-East Asia', timeZone: 'Asia/Singapore', locale: 'en-SG', tzAbbreviation: 'SGT' },
  { slug: 'pacific', name: 'Pacific', timeZone: 'Pacific/Fiji', locale: 'en-FJ', tzAbbreviation: 'FJT' },
  {
    slug: 'europe-central-asia',
    name: 'Europe & Central Asia',
    timeZone: 'Europe/Brussels',
    locale: 'en-GB',
    tzAbbreviation: 'CET',
    tzAbbreviationDst: 'CEST',
  },
  { slug: 'central-africa', name: 'Central Africa', timeZone: 'Africa/Kinshasa', locale: 'en-CM', tzAbbreviation: 'WAT' },
  { slug: 'east-africa', name: 'East Africa', timeZone: 'Africa/Nairobi', locale: 'en-KE', tzAbbreviation: 'EAT' },
  { slug: 'southern-africa', name: 'Southern Africa', timeZone: 'Africa/Johannesburg', locale: 'en-ZA', tzAbbreviation: 'SAST' },
  { slug: 'west-africa', name: 'West Africa', timeZone: 'Africa/Lagos', locale: 'en-NG', tzAbbreviation: 'WAT' },
  {
    slug: 'middle-east-north-africa',
    name: 'Middle East & North Africa',
    timeZone: 'Africa/Cairo',
    locale: 'en-EG',
    tzAbbreviation: 'EET',
    tzAbbreviationDst: 'EEST',
  },
  { slug: 'north-america', name: 'North America', timeZone: 'America/New_York', locale: 'en-US', tzAbbreviation: 'EST', tzAbbreviationDst: 'EDT' },
  { slug: 'latin-america-caribbean', name: 'Latin America & Caribbean', timeZone: 'America/Bogota', locale: 'en-JM', tzAbbreviation: 'COT' },
].map((e, position) => ({ ...e, position }));

const editionBySubregion: Record<string, string> = {
  'Southern Asia': 'south-asia',
  'South-Eastern Asia': 'east-south-east-asia',
  'Eastern Asia': 'east-south-east-asia',
  'Australia and New Zealand': 'pacific',
  Melanesia: 'pacific',
  Micronesia: 'pacific',
  Polynesia: 'pacific',
  'Central Asia': 'europe-central-asia',
  'Northern Europe': 'europe-central-asia',
  'Western Europe': 'europe-central-asia',
  'Southern Europe': 'europe-central-asia',
  'Southeast Europe': 'europe-central-asia',
  'Central Europe': 'europe-central-asia',
  'Eastern Europe': 'europe-central-asia',
  'Western Asia': 'middle-east-north-africa',
  'Northern Africa': 'middle-east-north-africa',
  'Middle Africa': 'central-africa',
  'Eastern Africa': 'east-africa',
  'Southern Africa': 'southern-africa',
  'Western Africa': 'west-africa',
  'North America': 'north-america',
  'Central America': 'latin-america-caribbean',
  'South America': 'latin-america-caribbean',
  Caribbean: 'latin-america-caribbean',
};

/** Where the UN sub-regions and the outlet's editions part ways. */
const editionOverrides: Record<string, string> = {
  IR: 'south-asia',
  AM: 'europe-central-asia',
  AZ: 'europe-central-asia',
  GE: 'europe-central-asia',
  CY: 'europe-central-asia',
  TR: 'europe-central-asia',
  MX: 'latin-america-caribbean',
  ZM: 'southern-africa',
  ZW: 'southern-africa',
  MW: 'southern-africa',
  MZ: 'southern-africa',
  MG: 'southern-africa',
  MU: 'southern-africa',
  KM: 'southern-africa',
  SC: 'southern-africa',
};

/** The regional edition a country's stories belong to, or null (e.g. Antarctica). */
export function referenceEditionOf(country: { code: string; subregion: string }): string | null {
  return editionOverrides[country.code] ?? editionBySubregion[country.subregion] ?? null;
}

/**
 * Saves the reference sectors and editions (a slug already there gets the reference values) and
 * files every country not yet under an edition under its regional one. Runs in the caller's
 * transaction when given one.
 */
export async function saveReferenceTaxonomy(db: DB, actor: Actor): Promise<{ sectors: number; editions: number }> {
  for (const sector of referenceSectors) await saveSector(db, sector, actor);
  for (const edition of referenceEditions) await saveEdition(db, edition, actor);
  const unfiled = new Map<string, string[]>();
  for (const country of await listCountries(db)) {
    const edition = referenceEditionOf(country);
    if (edition && country.editionId === null) unfiled.set(edition, [...(unfiled.get(edition) ?? []), country.code]);
  }
  for (const [edition, codes] of unfiled) await setCountryEdition(db, codes, edition, actor);
  return { sectors: referenceSectors.length, editions: referenceEditions.length };
}
