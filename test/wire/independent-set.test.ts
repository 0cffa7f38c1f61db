import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDedupeRules } from '../../src/wire/dedupe.js';
import { demoSectorModel } from '../../src/demo/evaluate.js';
import { evaluateIndependent, HELD_OUT_PARTS, independentPairs, loadIndependent, parsedIndependent } from '../../src/demo/evaluate-independent.js';

/*
 * The second labelled set, written in other voices by writers who never saw the detector: its
 * shape, that every item is read from the format it is delivered in, and the desk's figures on
 * it held at the bounds they reached (a regression fails here; nothing is tuned on part c).
 * `npm run bench:wire-quality` prints them in full.
 */
describe('the independent labelled set', () => {
  const events = loadIndependent();
  const items = events.flatMap((e) => e.items);

  it('has same-event pairs by different agencies, confusable different events, in all five formats and many countries', () => {
    const pairs = independentPairs(events);
    assert.ok(pairs.filter((p) => p.duplicate).length >= 150, 'same-event pairs');
    assert.ok(pairs.filter((p) => !p.duplicate).length >= 150, 'confusable pairs');
    assert.ok(new Set(events.map((e) => e.countries[0])).size >= 40, 'main countries');
    assert.deepEqual([...new Set(items.map((i) => i.format))].sort(), ['atom', 'jsonfeed', 'newsml', 'ninjs', 'rss']);
    assert.ok(items.length >= 300, 'items labelled for country and sector');
  });

  it('reads every item back from its format with its agency, headline and whole body', () => {
    for (const item of items) {
      const parsed = parsedIndependent(item);
      assert.equal(parsed.agency, item.agency, item.id);
      assert.equal(parsed.headline, item.headline, item.id);
      assert.equal((parsed.bodyHtml.match(/<p>/g) ?? []).length, item.paragraphs.length, item.id);
      assert.doesNotMatch(parsed.bodyHtml, /&lt;p&gt;|CDATA/, item.id);
    }
  });

  it('keeps its figures: duplicates, main country and main sector, on the training parts and the held-out part', () => {
    const part = (files: string[]) => evaluateIndependent(loadIndependent(files), defaultDedupeRules, demoSectorModel());
    const bounds = [
      { name: 'parts a + b', report: part(['part-a.json', 'part-b.json']), precision: 0.99, recall: 0.99, country: 0.98, sector: 0.93 },
      // Written later, in six more voices; measured before it was tuned on (precision 1.000, recall
      // 0.964, main country 0.965, main sector 0.913), then its misses mended the tagger.
      { name: 'part d', report: part(['part-d.json']), precision: 1, recall: 0.96, country: 0.99, sector: 0.96 },
      { name: 'part c (held out)', report: part(HELD_OUT_PARTS), precision: 0.96, recall: 0.92, country: 0.95, sector: 0.85 },
    ];
    for (const b of bounds) {
      const r = b.report;
      assert.ok(
        r.pairs.precision >= b.precision,
        `${b.name}: precision ${r.pairs.precision}; false merges ${JSON.stringify(r.mistakes.filter((m) => !m.expected))}`,
      );
      assert.ok(r.pairs.recall >= b.recall, `${b.name}: recall ${r.pairs.recall}; missed ${JSON.stringify(r.mistakes.filter((m) => m.expected).slice(0, 5))}`);
      assert.ok(r.mainCountry.accuracy >= b.country, `${b.name}: main country ${r.mainCountry.accuracy}`);
      assert.ok(r.mainSector.accuracy >= b.sector, `${b.name}: main sector ${r.mainSector.accuracy}`);
    }
  });
});
