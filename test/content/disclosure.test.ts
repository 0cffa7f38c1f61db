import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aiInvolvements } from '../../src/content/articles.js';
import { disclosureOf, type DisclosureFacts } from '../../src/content/disclosure.js';

/*
 * The line under a story, for every combination of the facts it is made from: whose copy (none,
 * one agency, two), AI involvement, edited by a person, reviewed by a person, published
 * automatically, and the site's credit setting. Each row says what must and must not be said.
 */

const agencySets = [[], ['Meridian News Agency'], ['Meridian News Agency', 'Continental Wire']] as const;
const bools = [false, true] as const;

const rows: { facts: DisclosureFacts; credit: 'generic' | 'names' }[] = [];
for (const agencies of agencySets)
  for (const ai of aiInvolvements)
    for (const edited of bools)
      for (const reviewed of bools)
        for (const autoPublished of bools)
          for (const credit of ['generic', 'names'] as const) rows.push({ facts: { agencies, ai, edited, reviewed, autoPublished }, credit });

describe('the disclosure under a story', () => {
  it(`covers all ${rows.length} combinations of the facts`, () => {
    assert.equal(rows.length, 3 * 3 * 2 * 2 * 2 * 2);
  });

  for (const { facts, credit } of rows) {
    const label = `${facts.agencies.length} agencies, AI ${facts.ai}, ${facts.edited ? 'edited' : 'not edited'}, ${facts.reviewed ? 'reviewed' : 'not reviewed'}, ${facts.autoPublished ? 'auto-published' : 'by the desk'}, ${credit} credit`;
    it(label, () => {
      const d = disclosureOf(facts, credit);
      const note = d.note ?? '';
      const fromAgency = facts.agencies.length > 0;
      // The credit: on every story built from agency copy, never on the desk's own.
      if (!fromAgency) assert.equal(d.credit, null);
      else if (credit === 'generic') assert.equal(d.credit, '(With inputs from agencies.)');
      else assert.equal(d.credit, `(With inputs from ${facts.agencies.join(' and ')}.)`);
      // "Published automatically" only when no person sent it out.
      assert.equal(/automatically/.test(note), fromAgency && facts.autoPublished, note);
      // AI help is always said (edited generated text counts as assisted), and never invented.
      const ai = facts.ai === 'generated' && facts.edited ? 'assisted' : facts.ai;
      assert.equal(d.facts.ai, ai);
      assert.equal(/\bAI\b/.test(note), ai !== 'none', note);
      if (ai === 'generated') assert.match(note, /with AI/);
      if (ai === 'assisted') assert.match(note, /with the help of AI/);
      // Edits: copy nobody edited says so; edited copy never claims it was not.
      if (fromAgency && !facts.edited) assert.match(note, /not (been )?edited|without edits/, note);
      if (facts.edited) assert.doesNotMatch(note, /not (been )?edited|without edits/, note);
      // Review: never claimed when nobody reviewed; said when machine-written or unedited copy went out unreviewed.
      if (!facts.reviewed) assert.doesNotMatch(note, /reviewed by our staff before publication/, note);
      if (facts.reviewed && note) assert.doesNotMatch(note, /not reviewed|or reviewed/, note);
      if (!facts.reviewed && (ai !== 'none' || (fromAgency && !facts.edited))) assert.match(note, /not (been edited or )?reviewed/, note);
      // Unedited agency copy names its agencies even under the generic credit.
      if (fromAgency && !facts.edited) for (const name of facts.agencies) assert.ok(note.includes(name), `${name} in "${note}"`);
      // A story the desk wrote and edited without AI needs no note; agency copy the desk edited neither.
      if (ai === 'none' && facts.edited && !facts.autoPublished) assert.equal(d.note, null);
    });
  }

  it('says it plainly, for the cases a reader meets most', () => {
    assert.equal(
      disclosureOf({ agencies: ['Meridian News Agency'], ai: 'none', edited: false, reviewed: false, autoPublished: true }).note,
      'This article was published automatically from copy by Meridian News Agency; it has not been edited or reviewed by our staff.',
    );
    assert.equal(
      disclosureOf({ agencies: ['Meridian News Agency'], ai: 'none', edited: false, reviewed: false, autoPublished: false }).note,
      'This article is the copy of Meridian News Agency as sent, published by our desk without edits; it was not reviewed by our staff.',
    );
    assert.equal(disclosureOf({ agencies: ['Meridian News Agency'], ai: 'none', edited: true, reviewed: true, autoPublished: false }).note, null);
    assert.equal(
      disclosureOf({ agencies: ['Equator Press Service'], ai: 'generated', edited: false, reviewed: false, autoPublished: false }).note,
      'This article was rewritten with AI from copy by Equator Press Service and not edited by our staff; it was not reviewed by our staff.',
    );
  });
});
