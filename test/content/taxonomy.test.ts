import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import {
  defaultEdition,
  findCountry,
  findCountryBySlug,
  findEdition,
  listCountries,
  listEditions,
  loadReferenceCountries,
  saveEdition,
  saveSector,
  setCountryEdition,
  zoneAbbreviationAt,
} from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';

describeEachDatabase('taxonomy', (testDb) => {
  let store: Store;
  before(async () => {
    store = await testDb.open();
  });

  it('holds every officially assigned ISO 3166-1 country, with names, demonyms and capitals', async () => {
    const countries = await listCountries(store.db);
    assert.equal(countries.length, 249);
    const india = await findCountry(store.db, 'in');
    assert.equal(india?.name, 'India');
    assert.equal(india?.demonym, 'Indian');
    assert.deepEqual(india?.capitals, ['New Delhi']);
    assert.equal((await findCountryBySlug(store.db, 'north-korea'))?.code, 'KP');
    assert.equal(await findCountry(store.db, 'XK'), null, 'Kosovo has no ISO 3166-1 code');
  });

  it('reloading the countries is idempotent and keeps their editions', async () => {
    await saveEdition(store.db, { slug: 'south-asia', name: 'South Asia', timeZone: 'Asia/Kolkata', locale: 'en-IN', tzAbbreviation: 'IST' }, testActor());
    await setCountryEdition(store.db, 'NP', 'south-asia', testActor());
    await loadReferenceCountries(store.db);
    assert.equal((await listCountries(store.db)).length, 249);
    assert.equal((await findCountry(store.db, 'NP'))?.editionId, (await findEdition(store.db, 'south-asia'))?.id);
  });

  it('keeps a single default edition', async () => {
    await saveEdition(store.db, { slug: 'global', name: 'Global', timeZone: 'UTC', locale: 'en', tzAbbreviation: 'UTC', isDefault: true }, testActor());
    await saveEdition(
      store.db,
      { slug: 'africa', name: 'Africa', timeZone: 'Africa/Nairobi', locale: 'en-KE', tzAbbreviation: 'EAT', isDefault: true },
      testActor(),
    );
    assert.equal((await defaultEdition(store.db)).slug, 'africa');
    assert.equal((await listEditions(store.db)).filter((e) => e.isDefault).length, 1);
  });

  it('refuses an edition with an unknown time zone or a sector with a bad slug', async () => {
    await assert.rejects(
      saveEdition(store.db, { slug: 'moon', name: 'Moon', timeZone: 'Moon/Base', locale: 'en', tzAbbreviation: 'MST' }, testActor()),
      /timeZone: not an IANA time zone/,
    );
    await assert.rejects(saveSector(store.db, { slug: 'Bad Slug', name: 'x' }, testActor()), /slug/);
  });

  it('updates a sector saved again under the same slug', async () => {
    await saveSector(store.db, { slug: 'health', name: 'Health' }, testActor());
    const again = await saveSector(store.db, { slug: 'health', name: 'Health & Wellbeing' }, testActor());
    assert.equal(again.name, 'Health & Wellbeing');
  });
});

it('shows IST for India all year, and CET or CEST for Brussels by season', () => {
  const india = { timeZone: 'Asia/Kolkata', tzAbbreviation: 'IST', tzAbbreviationDst: null };
  const brussels = { timeZone: 'Europe/Brussels', tzAbbreviation: 'CET', tzAbbreviationDst: 'CEST' };
  const newYork = { timeZone: 'America/New_York', tzAbbreviation: 'EST', tzAbbreviationDst: 'EDT' };
  assert.equal(zoneAbbreviationAt(india, new Date('2026-07-01T12:00:00Z')), 'IST');
  assert.equal(zoneAbbreviationAt(brussels, new Date('2026-01-15T12:00:00Z')), 'CET');
  assert.equal(zoneAbbreviationAt(brussels, new Date('2026-07-15T12:00:00Z')), 'CEST');
  assert.equal(zoneAbbreviationAt(newYork, new Date('2026-07-15T12:00:00Z')), 'EDT');
  assert.equal(zoneAbbreviationAt(newYork, new Date('2026-12-15T12:00:00Z')), 'EST');
});
