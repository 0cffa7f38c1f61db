import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { countryCodesFromNames, resolveCountryNames } from '../../src/content/country-names.js';
import { ValidationError } from '../../src/content/errors.js';
import { listCountries, type Country } from '../../src/content/taxonomy.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('countries picked by name', (testDb) => {
  let countries: Country[];
  before(async () => {
    countries = await listCountries((await testDb.open()).db);
  });

  it('turns names, official names, other spellings and codes into ISO codes, in the order given', () => {
    assert.deepEqual(countryCodesFromNames('Nepal, india; Republic of India\nFrance', countries), { codes: ['NP', 'IN', 'FR'], unknown: [] });
    assert.deepEqual(countryCodesFromNames('  cote d’ivoire ', countries).codes, ['CI']); // accents and curly apostrophes aside
    assert.deepEqual(countryCodesFromNames('de', countries).codes, ['DE']);
    assert.deepEqual(countryCodesFromNames('', countries), { codes: [], unknown: [] });
  });

  it('takes a name holding a comma whole', () => {
    assert.deepEqual(countryCodesFromNames('Saint Helena, Ascension and Tristan da Cunha, Kenya', countries).codes, ['SH', 'KE']);
  });

  it('refuses a name that is no country, naming it as typed', () => {
    assert.throws(
      () => resolveCountryNames('India, Narnia', countries),
      (e: unknown) => e instanceof ValidationError && /no country called "Narnia"/.test(e.message) && e.problems.length === 1,
    );
  });
});
