import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLabelled } from '../../src/wire/evaluate.js';
import { SHOT, STANDFIRST, summarise } from '../../src/wire/summarise.js';
import { sentences, wordCount } from '../../src/wire/text.js';

describe('extractive summaries', () => {
  const events = loadLabelled();
  const items = events.flatMap((e) => e.items);

  it('makes a standfirst of two or three whole sentences within 60 words for every labelled item', () => {
    for (const item of items) {
      const text = [item.lead, ...item.body].join('\n');
      const summary = summarise(item.headline, text, STANDFIRST);
      assert.ok(summary.length > 0, item.id);
      assert.ok(wordCount(summary) <= 60, `${item.id}: ${wordCount(summary)} words`);
      const chosen = sentences(summary);
      assert.ok(chosen.length >= 1 && chosen.length <= 3, `${item.id}: ${chosen.length} sentences`);
      // Never cut mid-sentence: every sentence is one of the copy's own, word for word.
      const source = sentences(text);
      for (const s of chosen) assert.ok(source.includes(s), `${item.id}: "${s}" is not a sentence of the copy`);
    }
  });

  it('prefers two or more sentences when they fit, and keeps them in the order of the copy', () => {
    const text = 'The ministry opened 40 clinics on Monday. Each clinic will serve about 5,000 people. Officials said staff were hired locally. A second phase starts next year.';
    const summary = summarise('Ministry opens 40 clinics', text, STANDFIRST);
    const chosen = sentences(summary);
    assert.ok(chosen.length >= 2);
    assert.equal(chosen[0], 'The ministry opened 40 clinics on Monday.');
    const order = chosen.map((s) => text.indexOf(s));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });

  it('leaves out a sentence that would break the budget instead of cutting it', () => {
    const long = `The council approved ${Array.from({ length: 70 }, (_, i) => `item${i}`).join(' ')} in one vote.`;
    const text = `${long} The budget is 2 million dollars. Work starts in March.`;
    const summary = summarise('Council approves plan', text, SHOT);
    assert.ok(!summary.includes('item0'));
    assert.ok(wordCount(summary) <= 60);
    assert.match(summary, /The budget is 2 million dollars\./);
  });

  it('gives nothing rather than a fragment when the copy has no sentence short enough', () => {
    const text = `Officials said ${Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ')}.`;
    assert.equal(summarise('Headline', text, STANDFIRST), '');
  });
});
