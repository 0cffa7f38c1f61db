import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSectorModel, loadLabelled } from '../../src/demo/evaluate.js';
import { loadIndependent, parsedIndependent } from '../../src/demo/evaluate-independent.js';
import { analyseItem } from '../../src/wire/ingest.js';
import { parseWire } from '../../src/wire/parse.js';
import { storyText, withoutDateline } from '../../src/wire/story-text.js';
import { SHOT, STANDFIRST, summarise, summariesOf } from '../../src/wire/summarise.js';
import { sentences, wordCount } from '../../src/wire/text.js';

describe('summaries of copy we did not write (the independent set, every item through its own format)', () => {
  const items = loadIndependent().flatMap((e) => e.items);
  const opensWithDateline = (text: string) => withoutDateline(text) !== text || /^[^.]{0,60}\((?:[A-Z]{2,6})\)\s*[-–—:]/.test(text);
  const quotesBalanced = (text: string) => (text.match(/“/g) ?? []).length === (text.match(/”/g) ?? []).length && (text.match(/"/g) ?? []).length % 2 === 0;

  it('never opens a standfirst or a Shot with a dateline or agency tag, never cuts a quotation, never gives both the same text', () => {
    const problems: string[] = [];
    for (const item of items) {
      const { summary, shotText } = analyseItem(parsedIndependent(item), demoSectorModel());
      for (const [what, text] of [
        ['standfirst', summary],
        ['shot', shotText],
      ] as const) {
        if (!text) problems.push(`${item.id}: no ${what}`);
        else if (opensWithDateline(text)) problems.push(`${item.id}: ${what} opens with a dateline: ${text.slice(0, 60)}`);
        else if (!quotesBalanced(text)) problems.push(`${item.id}: ${what} cuts a quotation: ${text}`);
      }
      if (summary && summary === shotText) problems.push(`${item.id}: the Shot is the standfirst`);
    }
    assert.deepEqual(problems, []);
    assert.ok(items.length >= 300);
  });
});

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
    const text =
      'The ministry opened 40 clinics on Monday. Each clinic will serve about 5,000 people. Officials said staff were hired locally. A second phase starts next year.';
    const summary = summarise('Ministry opens 40 clinics', text, STANDFIRST);
    const chosen = sentences(summary);
    assert.ok(chosen.length >= 2);
    assert.equal(chosen[0], 'The ministry opened 40 clinics on Monday.');
    const order = chosen.map((s) => text.indexOf(s));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
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

describe('machine standfirsts and Shot texts read right', () => {
  it('never start with the agency’s dateline, in any of its styles', () => {
    for (const dateline of [
      'KAMPALA, Uganda, Nov. 2 (LHN) — ',
      'LIMA, Nov 3 (AWS) - ',
      'NIAMEY (SNL) — ',
      'Kinshasa, 3 November — ',
      'NEW DELHI: ',
      'KAMPALA, Nov 18 /QNW/ – ',
    ]) {
      const text = `${dateline}The council approved a new water plan on Monday. It will cost 4 million dollars over three years. Work begins in March.`;
      const { summary, shotText } = summariesOf('Council approves water plan', text);
      assert.match(summary, /^The council approved/, dateline);
      assert.match(shotText, /^(The council|It will|Work begins)/, dateline);
    }
  });

  it('never cut a quotation open', () => {
    const text = 'The minister opened the clinic on Monday. “We will not stop here. Every district will have one by 2028,” she said. The clinic has 20 beds.';
    const { summary, shotText } = summariesOf('Minister opens clinic', text);
    for (const s of [summary, shotText]) {
      assert.equal((s.match(/“/g) ?? []).length, (s.match(/”/g) ?? []).length, s);
    }
    assert.ok(sentences(text).includes('“We will not stop here. Every district will have one by 2028,” she said.'));
  });

  it('are not the same text twice: the Shot differs from the standfirst, and no sentence repeats', () => {
    const text =
      'Farmers in the valley began harvesting early this year. Farmers in the valley began harvesting early this year. Prices at the market fell by a tenth. Traders expect more buyers next week.';
    const { summary, shotText } = summariesOf('Early harvest in the valley', text);
    assert.notEqual(summary, shotText);
    assert.equal(summary.split('Farmers in the valley').length - 1, 1);
    for (const item of loadLabelled()
      .flatMap((e) => e.items)
      .slice(0, 80)) {
      const both = summariesOf(item.headline, [item.lead, ...item.body].join('\n'));
      if (both.shotText) assert.notEqual(both.shotText, both.summary, item.id);
    }
  });

  it('the agency’s own description is the story’s standfirst when it has one', () => {
    const item = parseWire(
      JSON.stringify({
        uri: 'd1',
        headline: 'Port Reopens',
        description_text: 'LIMA, Nov 3 (AWS) - The port reopened after repairs.',
        body_html: '<p>The port of Callao reopened on Tuesday after six weeks of repairs to its main quay.</p><p>Ships queued offshore.</p>',
      }),
      { agency: 'A' },
    ).items[0]!;
    assert.equal(storyText(item, 'A machine summary.').standfirst, 'The port reopened after repairs.');
    const none = parseWire(JSON.stringify({ uri: 'd2', headline: 'Port Reopens', body_html: '<p>The port reopened.</p>' }), { agency: 'A' }).items[0]!;
    assert.equal(storyText(none, 'A machine summary.').standfirst, 'A machine summary.');
  });
});
