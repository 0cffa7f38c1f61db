import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle, listRevisions } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Several editors save the same article at the same moment, each from the same version of the
 * form, through the newsroom's save route: exactly one save wins, every other one is answered
 * 409 (its text kept as a draft of its own), and the article gains one version, one revision,
 * one audit entry (and, when live, one publication event). Nothing is merged or lost silently.
 * Each round races EDITORS requests; ROUNDS rounds make an unlucky interleaving likely.
 */

const EDITORS = 6;
const ROUNDS = 6;

describeEachDatabase('races: parallel saves of one article', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const editors: DeskUser[] = [];

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    for (let i = 0; i < EDITORS; i++) editors.push(await deskUser(store.db, 'editor', `editor${i}`));
  });

  const count = async (table: 'audit_log' | 'publication_events' | 'articles', where: (q: any) => any) =>
    Number((await where(store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))).executeTakeFirstOrThrow()).n);

  it('one save wins, the others get 409 and keep their text as a draft; one revision and one audit entry', async (t) => {
    const fields = {
      kind: 'news',
      standfirst: 'Clinics stay open later.',
      body: '<p>Clinics now open until nine.</p>',
      edition: 'global',
      countries: 'IN',
      sectors: 'health',
      datelineCity: 'Pune',
    };
    for (let round = 0; round < ROUNDS; round++) {
      const live = round % 2 === 1;
      const story = await addStory(store.db, { headline: `Race round ${round}` }, { status: live ? 'published' : 'draft' });
      const sessions = await Promise.all(editors.map((e) => e.session()));
      const revisionsBefore = (await listRevisions(store.db, story.id)).length;
      const auditBefore = await count('audit_log', (q) => q.where('action', '=', 'article.save').where('subject', 'like', `article ${story.id}:%`));
      const eventsBefore = await count('publication_events', (q) => q.where('article_id', '=', story.id));
      const articlesBefore = await count('articles', (q) => q);
      const headlines = editors.map((_, i) => `Race round ${round} saved by editor ${i}`);

      const answers = await Promise.all(
        sessions.map((s, i) => post(app, `/newsroom/articles/${story.id}`, { ...fields, headline: headlines[i]!, version: String(story.version) }, s)),
      );

      const codes = answers.map((a) => a.statusCode);
      t.diagnostic(`round ${round} (${live ? 'published' : 'draft'}): ${codes.join(' ')}`);
      assert.equal(codes.filter((c) => c === 303).length, 1, `exactly one save wins: ${codes.join(' ')}`);
      assert.equal(codes.filter((c) => c === 409).length, EDITORS - 1, `the others are told of the conflict: ${codes.join(' ')}`);
      const winner = codes.indexOf(303);
      for (const [i, a] of answers.entries())
        if (i !== winner) assert.match(a.body, /Not saved: this article was changed by .* Your version is kept as draft \d+/);

      const after = (await getArticle(store.db, story.id))!;
      assert.equal(after.version, story.version + 1, 'one version up, not one per save');
      assert.equal(after.headline, headlines[winner], 'the stored text is the winner\u2019s, whole');
      assert.equal(after.status, story.status);
      assert.equal((await listRevisions(store.db, story.id)).length, revisionsBefore + 1, 'one revision');
      assert.equal(
        await count('audit_log', (q) => q.where('action', '=', 'article.save').where('subject', 'like', `article ${story.id}:%`)),
        auditBefore + 1,
        'one audit entry',
      );
      assert.equal(
        await count('publication_events', (q) => q.where('article_id', '=', story.id)),
        eventsBefore + (live ? 1 : 0),
        'one publication event when live',
      );
      // Every refused save is kept, once, as a draft of its own with that editor's text.
      assert.equal(await count('articles', (q) => q), articlesBefore + EDITORS - 1);
      for (const [i, h] of headlines.entries()) {
        if (i === winner) continue;
        const copies = await store.db.selectFrom('articles').select(['id', 'status']).where('headline', '=', `${h} (conflicting copy)`).execute();
        assert.equal(copies.length, 1, `editor ${i}'s text kept once`);
        assert.equal(copies[0]!.status, 'draft');
      }
    }
  });
});
