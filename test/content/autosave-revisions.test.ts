import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { getArticle, listRevisions } from '../../src/content/articles.js';
import { listAudit, type Actor } from '../../src/content/audit.js';
import { AUTOSAVE_REVISION_EVERY_MS } from '../../src/content/autosave-revisions.js';
import { createArticle, editArticle, restoreRevision } from '../../src/content/lifecycle.js';
import { createUser } from '../../src/content/users.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { at, story, testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Autosaves keep a revision now and then (src/content/autosave-revisions.ts): when the text
 * differs from the latest revision and that revision is ten minutes old or someone else's.
 */

describeEachDatabase('revisions kept by autosave', (testDb) => {
  let store: Store;
  let ann: Actor;
  let ben: Actor;
  before(async () => {
    ({ store } = await openSuite(testDb));
    const person = async (name: string) => {
      const u = await createUser(
        store.db,
        { email: `${name}@example.org`, displayName: name, role: 'writer', password: 'a long enough password' },
        testActor(),
      );
      return { name: u.email, userId: u.id };
    };
    ann = await person('ann');
    ben = await person('ben');
  });

  const autosave = (id: number, body: string, actor: Actor, minute: number) =>
    editArticle(store.db, id, { body: `<p>${body}</p>` }, { actor, now: at(minute) }, { autosave: true });
  const revisions = async (id: number) => (await listRevisions(store.db, id)).map((r) => [r.createdAt, r.actor, r.summary, r.snapshot.body]);

  it('a rewrite saved only by autosave can be undone: one person autosaving leaves a revision at most every ten minutes', async () => {
    assert.equal(AUTOSAVE_REVISION_EVERY_MS, 10 * 60_000);
    const draft = await createArticle(store.db, story({ body: '<p>The first text.</p>' }), { actor: ann, now: at(0) });
    await autosave(draft.id, 'A small change.', ann, 2); // two minutes after the revision: none
    await autosave(draft.id, 'The text Ann worked on for twelve minutes.', ann, 12); // ten minutes on: one
    await autosave(draft.id, 'A rewrite that went wrong.', ann, 13); // a minute after that one: none
    await autosave(draft.id, 'A rewrite that went wrong.', ann, 14); // the same text again: none
    assert.deepEqual(await revisions(draft.id), [
      [at(12), ann.name, 'Autosaved: changed body', '<p>The text Ann worked on for twelve minutes.</p>'],
      [at(0), ann.name, 'Created', '<p>The first text.</p>'],
    ]);
    const autosaved = (await listAudit(store.db, { action: 'article.autosave' })).filter((e) => e.subject.startsWith(`article ${draft.id}:`));
    assert.deepEqual(
      autosaved.map((e) => [e.at, e.actor, e.detail]),
      [[at(12), ann.name, 'version 3: Autosaved: changed body']],
    );

    // Undo the rewrite: the revision the autosave kept is the text before it.
    const [kept] = await listRevisions(store.db, draft.id);
    const restored = await restoreRevision(store.db, draft.id, kept!.id, { actor: ann, now: at(41) });
    assert.equal(restored.body, '<p>The text Ann worked on for twelve minutes.</p>');
    assert.equal((await getArticle(store.db, draft.id))!.body, '<p>The text Ann worked on for twelve minutes.</p>');
  });

  it("a second person's first autosave keeps a revision at once, then theirs follow the same ten minutes", async () => {
    const draft = await createArticle(store.db, story({ body: '<p>Ann wrote this.</p>' }), { actor: ann, now: at(0) });
    await autosave(draft.id, 'Ann wrote this, and Ben added a line.', ben, 1);
    await autosave(draft.id, 'Ben keeps typing.', ben, 2);
    await autosave(draft.id, 'Ann answers Ben.', ann, 3);
    assert.deepEqual(await revisions(draft.id), [
      [at(3), ann.name, 'Autosaved: changed body', '<p>Ann answers Ben.</p>'],
      [at(1), ben.name, 'Autosaved: changed body', '<p>Ann wrote this, and Ben added a line.</p>'],
      [at(0), ann.name, 'Created', '<p>Ann wrote this.</p>'],
    ]);
  });

  it('a change of filing alone counts, and an explicit Save still keeps its revision as before', async () => {
    const draft = await createArticle(store.db, story(), { actor: ann, now: at(0) });
    await editArticle(store.db, draft.id, { sectors: ['energy'] }, { actor: ann, now: at(11) }, { autosave: true });
    await editArticle(store.db, draft.id, { headline: 'Saved By Hand' }, { actor: ann, now: at(12) });
    assert.deepEqual(
      (await listRevisions(store.db, draft.id)).map((r) => [r.createdAt, r.summary]),
      [
        [at(12), 'Changed headline'],
        [at(11), 'Autosaved: changed sectors'],
        [at(0), 'Created'],
      ],
    );
  });
});
