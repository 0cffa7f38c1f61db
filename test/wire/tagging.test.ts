import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPlaces } from '../../src/wire/places.js';
import { keywordPhrases, tagCountries, tagSectors, trainSectorModel, type SectorModel } from '../../src/wire/tagging.js';

const text = (headline: string, lead: string, body = '', datelineCity = '', datelineCountry: string | null = null) => ({
  headline,
  lead,
  body,
  datelineCity,
  datelineCountry,
});

describe('country tagging', () => {
  it('knows names, possessives, demonyms, capitals, cities and alternative names; the longest phrase wins', () => {
    const codes = findPlaces(
      "Ghana's farmers, Kenyan traders, officials in Dhaka, Mombasa port, Côte d'Ivoire, Ivory Coast, South Sudan, Papua New Guinea, the Niger Delta",
    ).map((m) => m.code);
    assert.deepEqual(codes, ['GH', 'KE', 'BD', 'KE', 'CI', 'CI', 'SS', 'PG', 'NG']);
  });

  it('ignores lower-case words and phrases that only look like places', () => {
    assert.deepEqual(findPlaces('a chad of paper floated in the Indian Ocean'), []);
  });

  it('ranks the country the story is about above neighbours, partners and a hub dateline', () => {
    const tags = tagCountries(
      text(
        'Gulf developer to build wind farm in Uzbekistan',
        'A developer from Abu Dhabi agreed to build a 500 MW wind farm in Uzbekistan, officials in Tashkent said.',
        'The company also runs projects in Kazakhstan. Uzbek officials said power would flow from 2029.',
        'Geneva',
      ),
    );
    assert.equal(tags[0]!.key, 'UZ');
    assert.ok(!tags.some((t) => t.key === 'CH'), 'a Geneva dateline alone does not make a story Swiss');
  });

  it('uses the dateline when the text names no country', () => {
    assert.equal(tagCountries(text('Clinic reopens after repairs', 'The district clinic reopened on Monday.', '', 'Kisumu'))[0]!.key, 'KE');
  });
});

describe('sector tagging', () => {
  const model: SectorModel = {
    sectors: [
      { slug: 'health', keywords: keywordPhrases(['vaccine', 'clinic', 'hospital']) },
      { slug: 'transport', keywords: keywordPhrases(['road', 'railway', 'port']) },
    ],
    learned: null,
  };

  it('scores keywords by where they appear, the headline most', () => {
    const tags = tagSectors(text('New railway line opens', 'The line links the port to the capital.', 'A clinic near the station will treat workers.'), model);
    assert.equal(tags[0]!.key, 'transport');
  });

  it('counts distinct keywords over one repeated many times', () => {
    const story = text('Hospital gets a generator', 'Doctors at the hospital treat more patients.', 'The road was closed. '.repeat(12));
    const both: SectorModel = { ...model, sectors: [{ slug: 'health', keywords: keywordPhrases(['hospital', 'doctor', 'patient']) }, model.sectors[1]!] };
    assert.equal(tagSectors(story, both)[0]!.key, 'health');
  });

  it('a stem two sectors share counts only for the sector the story names otherwise', () => {
    const shared: SectorModel = {
      sectors: [
        { slug: 'education', keywords: keywordPhrases(['training', 'teacher']) },
        { slug: 'transport', keywords: keywordPhrases(['train', 'railway']) },
      ],
      learned: null,
    };
    const tags = tagSectors(text('Teachers finish training', 'Two hundred teachers completed their training.'), shared);
    assert.deepEqual(
      tags.map((t) => t.key),
      ['education'],
    );
  });

  it('learns from the desk: words editors filed under a sector point to it', () => {
    const examples = [
      ...Array.from({ length: 15 }, (_, i) => ({ sector: 'health', text: `Midwives trained in district ${i} to cut maternal deaths` })),
      ...Array.from({ length: 15 }, (_, i) => ({ sector: 'transport', text: `Bus fares fall in district ${i} after the ferry upgrade` })),
    ];
    const learned = { ...model, learned: trainSectorModel(examples) };
    const story = text('Midwives graduate', 'Forty midwives graduated to cut maternal deaths.');
    assert.deepEqual(tagSectors(story, model), [], 'no keyword matches');
    assert.equal(tagSectors(story, learned)[0]!.key, 'health');
  });
});
