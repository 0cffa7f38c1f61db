import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figuresIn, specificFigures } from '../../src/wire/figures.js';
import { pairFeatures, profileOf, statsOf } from '../../src/wire/similarity.js';

describe('figures as agencies write them', () => {
  it('brings money, counts, number words and percentages to one form', () => {
    for (const text of ['$15 million', '15 million dollars', 'US$15m', 'USD 15,000,000', 'a grant of US$ 15 million'])
      assert.deepEqual(specificFigures(text), ['15000000'], text);
    assert.deepEqual(specificFigures('about 2,400 people'), ['2400']);
    assert.deepEqual(specificFigures('eighteen thousand two hundred and forty admissions'), ['18240']);
    assert.deepEqual(specificFigures('nearly twenty-five thousand in September'), ['25000']);
    assert.deepEqual(specificFigures('Rs 2.5 crore and 3.5 lakh'), ['25000000', '350000']);
    for (const text of ['27%', '27 percent', '27 per cent']) assert.deepEqual(specificFigures(text), ['27%'], text);
    assert.deepEqual(specificFigures('1.1 per cent'), ['1.1%']);
  });

  it('keeps years, small round counts and lengths apart from the figures that tell events apart', () => {
    assert.deepEqual(specificFigures('in 2026, 12 districts, five days, 100 schools'), []);
    assert.deepEqual(
      figuresIn('in 2026').map((f) => [f.value, f.specific]),
      [['2026', false]],
    );
    assert.deepEqual(specificFigures('3,900 m above sea level'), ['3900'], '"m" after a length is metres, not millions');
    assert.deepEqual(specificFigures('one of the poorest regions'), []);
    assert.deepEqual(specificFigures('a million people'), [], 'a round million says little');
  });
});

describe('two paraphrased reports of one event', () => {
  const a = profileOf(
    'Peru opens maternal clinic in Andes town of Ayaviri',
    'Peru opened a 48-bed maternal health center in Ayaviri on Monday.',
    'Peru opened a 48-bed maternal health center in Ayaviri on Monday. The $6.2 million facility will serve 85,000 people in Melgar province.',
  );
  const b = profileOf(
    'Andean town of Ayaviri gains new centre for mothers',
    'A new health centre for mothers was inaugurated in Ayaviri.',
    'A new health centre for mothers was inaugurated in Ayaviri. The 6.2 million dollar centre serves about 85,000 residents of Melgar.',
  );
  const c = profileOf(
    'Chile opens wind farm near Antofagasta',
    'A wind farm opened near Antofagasta on Monday.',
    'A wind farm opened near Antofagasta on Monday. It cost 310 million dollars and will power 120,000 homes.',
  );
  const stats = statsOf([a, b, c]);
  const meta = { countries: ['PE'], sectors: ['health'] };

  it('share their rare names and their figures once normalised, and an unrelated report shares neither', () => {
    const same = pairFeatures({ ...a, ...meta }, { ...b, ...meta }, stats, 14);
    assert.deepEqual(same.sharedFigures.sort(), ['6200000', '85000']);
    assert.ok(same.sharedNames.includes('ayaviri') && same.sharedNames.includes('melgar'), same.sharedNames.join());
    const other = pairFeatures({ ...a, ...meta }, { ...c, countries: ['CL'], sectors: ['energy'] }, stats, 14);
    assert.deepEqual(other.sharedFigures, []);
    assert.ok(same.features.text > other.features.text && same.features.names > other.features.names);
    assert.equal(other.features.figureConflict, 1, 'both give figures, none agree');
  });
});
