import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { independentPairs, loadIndependent, parsedIndependent } from '../../src/wire/evaluate-independent.js';

/*
 * The second labelled set, written in other voices by writers who never saw the detector: its
 * shape, and that every item is read from the format it is delivered in. Its figures are not a
 * gate (nothing is tuned on its held-out part): `npm run bench:wire-quality` prints them.
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
});
