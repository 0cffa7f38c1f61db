import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { getArticle, listArticles, listRevisions, type ArticleSummary } from '../../src/content/articles.js';
import { decodeCursor, encodeCursor } from '../../src/content/cursor.js';
import { ConflictError, NotFoundError, ValidationError } from '../../src/content/errors.js';
import { createMedia } from '../../src/content/media.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, at, story, testActor } from '../helpers/fixtures.js';
import { createArticle, editArticle, publishArticle, scheduleArticle, unpublishArticle } from '../../src/content/lifecycle.js';
import { openSuite } from '../helpers/suite.js';

const ids = (items: ArticleSummary[]) => items.map((a) => a.id);

describeEachDatabase('articles', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  it('creates an article with its countries, sectors, byline, sources and hero image, and reads it back', async () => {
    const hero = await createMedia(store.db, {
      file: 'demo/x.svg',
      mimeType: 'image/svg+xml',
      width: 1600,
      height: 900,
      altText: 'A drawing',
      caption: 'Generated',
      credit: 'Demo',
      digitalSourceType: 'algorithmicMedia',
    });
    const created = await addStory(
      store.db,
      {
        headline: 'Solar Pumps Reach 400 Villages',
        edition: 'south-asia',
        countries: ['in', 'NP'],
        sectors: ['energy', 'health'],
        byline: {
          authors: [
            { name: 'Asha Rao', userId: null },
            { name: 'Tomas Berg', userId: null },
          ],
        },
        sources: [{ agency: 'Meridian News Agency', itemId: 'MNA-1', version: 2 }],
        heroMediaId: hero.id,
        aiInvolvement: 'assisted',
      },
      { now: at(0) },
    );
    const read = await getArticle(store.db, created.id);
    assert.ok(read);
    assert.equal(read.slug, 'solar-pumps-reach-400-villages');
    assert.equal(read.status, 'published');
    assert.equal(read.publishedAt, at(0));
    assert.equal(read.createdAt, at(0));
    assert.deepEqual(read.countries, ['IN', 'NP']);
    assert.deepEqual(read.sectors, ['energy', 'health']);
    assert.deepEqual(read.byline, {
      authors: [
        { name: 'Asha Rao', userId: null },
        { name: 'Tomas Berg', userId: null },
      ],
    });
    assert.deepEqual(read.sources, [{ agency: 'Meridian News Agency', itemId: 'MNA-1', version: 2 }]);
    assert.equal(read.hero?.digitalSourceType, 'algorithmicMedia');
    assert.equal(read.aiInvolvement, 'assisted');
    assert.equal(read.humanReviewed, true);
    assert.equal(read.version, 1);
  });

  it('sanitises the body: scripts, event handlers and javascript: links are removed', async () => {
    const created = await addStory(store.db, {
      body: '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(2)">link</a> <a href="https://example.org">ok</a></p><iframe src="https://evil.example/"></iframe>',
    });
    const body = (await getArticle(store.db, created.id))!.body;
    assert.doesNotMatch(body, /script|onclick|javascript:|evil\.example/);
    assert.match(body, /<a href="https:\/\/example.org" rel="noopener nofollow">ok<\/a>/);
  });

  it('refuses unknown sectors, countries and editions, naming each', async () => {
    await assert.rejects(addStory(store.db, { sectors: ['health', 'astrology'], countries: ['IN', 'ZZ'], edition: 'mars' }), (error: ValidationError) => {
      assert.ok(error instanceof ValidationError);
      assert.match(error.message, /astrology/);
      assert.match(error.message, /ZZ/);
      assert.match(error.message, /mars/);
      return true;
    });
  });

  it('refuses invalid input with the field named', async () => {
    await assert.rejects(addStory(store.db, { headline: '   ' }), /headline/);
    await assert.rejects(createArticle(store.db, { ...story(), kind: 'gossip' as 'news' }, { actor: testActor() }), /kind/);
    const draft = await addStory(store.db, {}, { status: 'draft' });
    await assert.rejects(scheduleArticle(store.db, draft.id, 'next tuesday', { actor: testActor() }), /publication time as a date and a time/);
  });

  it('updating a published article keeps Created, moves Updated, and stores a revision with who and when', async () => {
    const created = await addStory(store.db, { headline: 'Clinic Opens' }, { actor: 'desk', now: at(10) });
    const updated = await editArticle(store.db, created.id, { headline: 'Clinic Opens Early' }, { actor: testActor('editor'), now: at(70) });
    assert.equal(updated.createdAt, at(10));
    assert.equal(updated.publishedAt, at(10));
    assert.equal(updated.updatedAt, at(70));
    assert.equal(updated.version, 2);
    const revisions = await listRevisions(store.db, created.id);
    assert.equal(revisions.length, 2);
    assert.equal(revisions[0]!.actor, 'editor');
    assert.equal(revisions[0]!.createdAt, at(70));
    assert.match(revisions[0]!.summary, /headline/);
    assert.equal(revisions[0]!.snapshot.headline, 'Clinic Opens Early');
    assert.equal(revisions[1]!.snapshot.headline, 'Clinic Opens');
  });

  it('keeps a revision of every saved change of a draft, but none of its autosaves', async () => {
    const draft = await addStory(store.db, {}, { status: 'draft', actor: 'writer' });
    await editArticle(store.db, draft.id, { standfirst: 'Changed' }, { actor: testActor('writer') });
    await editArticle(store.db, draft.id, { standfirst: 'Changed again' }, { actor: testActor('writer') }, { autosave: true });
    assert.deepEqual(
      (await listRevisions(store.db, draft.id)).map((r) => r.summary),
      ['Changed standfirst', 'Created'],
    );
    assert.equal((await getArticle(store.db, draft.id))!.standfirst, 'Changed again');
  });

  it('refuses a save based on an old version, and changes nothing', async () => {
    const created = await addStory(store.db, { headline: 'Original' }, { actor: 'a' });
    await editArticle(store.db, created.id, { headline: 'First Edit' }, { actor: testActor('a'), expectedVersion: 1 });
    await assert.rejects(editArticle(store.db, created.id, { headline: 'Second Edit' }, { actor: testActor('b'), expectedVersion: 1 }), ConflictError);
    assert.equal((await getArticle(store.db, created.id))!.headline, 'First Edit');
  });

  it('answers null for an unknown id and NotFound when updating one', async () => {
    assert.equal(await getArticle(store.db, 999_999), null);
    assert.equal(await getArticle(store.db, -1), null);
    await assert.rejects(editArticle(store.db, 999_999, { headline: 'x' }, { actor: testActor('a') }), NotFoundError);
  });

  it('an invalid update rolls back: the article is unchanged', async () => {
    const created = await addStory(store.db, { headline: 'Stable', sectors: ['health'] }, { actor: 'a' });
    await assert.rejects(editArticle(store.db, created.id, { headline: 'Changed', sectors: ['nope'] }, { actor: testActor('a') }), ValidationError);
    const read = (await getArticle(store.db, created.id))!;
    assert.equal(read.headline, 'Stable');
    assert.deepEqual(read.sectors, ['health']);
    assert.equal(read.version, 1);
  });
});

describeEachDatabase('article listings', (testDb) => {
  let store: Store;
  const made: Record<string, number[]> = { news: [], opinion: [], nepal: [], energy: [], southAsia: [] };

  before(async () => {
    ({ store } = await openSuite(testDb));
    // 30 stories a minute apart: every 3rd is opinion, every 5th about Nepal, every 4th energy.
    for (let i = 0; i < 30; i++) {
      const kind = i % 3 === 0 ? 'opinion' : i % 7 === 0 ? 'blog' : 'news';
      const a = await addStory(
        store.db,
        { kind, countries: i % 5 === 0 ? ['NP'] : ['IN'], sectors: i % 4 === 0 ? ['energy'] : ['health'], edition: i % 2 === 0 ? 'south-asia' : 'global' },
        { now: at(i) },
      );
      if (kind === 'news') made.news!.push(a.id);
      if (kind === 'opinion') made.opinion!.push(a.id);
      if (i % 5 === 0) made.nepal!.push(a.id);
      if (i % 4 === 0) made.energy!.push(a.id);
      if (i % 2 === 0) made.southAsia!.push(a.id);
    }
    // A draft and an unpublished story never appear in public lists.
    await addStory(store.db, { sectors: ['energy'], countries: ['NP'] }, { status: 'draft', now: at(100) });
    const gone = await addStory(store.db, { sectors: ['energy'], countries: ['NP'] }, { now: at(101) });
    await unpublishArticle(store.db, gone.id, { actor: testActor('test'), now: at(102) });
  });

  const newestFirst = (list: number[]) => [...list].reverse();

  it('lists published stories newest first and pages through all of them with stable cursors', async () => {
    const seen: number[] = [];
    let page = await listArticles(store.db, { limit: 7 });
    assert.equal(page.newer, null);
    seen.push(...ids(page.items));
    while (page.older) {
      const olderCursor = decodeCursor(encodeCursor(page.older));
      page = await listArticles(store.db, { limit: 7, before: olderCursor });
      seen.push(...ids(page.items));
    }
    const all = [...made.news!, ...made.opinion!, ...(await listArticles(store.db, { kind: 'blog', limit: 100 })).items.map((a) => a.id)].sort((a, b) => a - b);
    assert.deepEqual(seen, newestFirst(all));
  });

  it('goes back to newer stories from an older page', async () => {
    const first = await listArticles(store.db, { limit: 5 });
    const second = await listArticles(store.db, { limit: 5, before: first.older });
    assert.ok(second.newer);
    const back = await listArticles(store.db, { limit: 5, after: second.newer });
    assert.deepEqual(ids(back.items), ids(first.items));
    assert.equal(back.newer, null);
    assert.deepEqual(back.older, first.older);
  });

  it('filters by kind, and merges several kinds in time order', async () => {
    const opinion = await listArticles(store.db, { kind: 'opinion', limit: 100 });
    assert.deepEqual(ids(opinion.items), newestFirst(made.opinion!));
    const mixed = await listArticles(store.db, { kind: ['opinion', 'blog'], limit: 6 });
    assert.equal(mixed.items.length, 6);
    assert.ok(mixed.items.every((a) => a.kind === 'opinion' || a.kind === 'blog'));
    const times = mixed.items.map((a) => a.publishedAt!);
    assert.deepEqual(times, [...times].sort().reverse());
    const rest = await listArticles(store.db, { kind: ['opinion', 'blog'], limit: 100, before: mixed.older });
    assert.equal(mixed.items.length + rest.items.length, made.opinion!.length + 3);
  });

  it('filters by sector, country and edition', async () => {
    assert.deepEqual(ids((await listArticles(store.db, { sector: 'energy', limit: 100 })).items), newestFirst(made.energy!));
    assert.deepEqual(ids((await listArticles(store.db, { country: 'np', limit: 100 })).items), newestFirst(made.nepal!));
    assert.deepEqual(ids((await listArticles(store.db, { edition: 'south-asia', limit: 100 })).items), newestFirst(made.southAsia!));
    const both = await listArticles(store.db, { sector: 'energy', country: 'NP', limit: 100 });
    assert.deepEqual(ids(both.items), newestFirst(made.energy!.filter((id) => made.nepal!.includes(id))));
  });

  it('filters by time window', async () => {
    const page = await listArticles(store.db, { from: at(10), to: at(20), limit: 100 });
    assert.equal(page.items.length, 10);
    assert.ok(page.items.every((a) => a.publishedAt! >= at(10) && a.publishedAt! < at(20)));
  });

  it('an unknown sector or edition lists nothing', async () => {
    assert.equal((await listArticles(store.db, { sector: 'nope' })).items.length, 0);
    assert.equal((await listArticles(store.db, { edition: 'nope' })).items.length, 0);
  });

  it('lists drafts by last change for the desk', async () => {
    const drafts = await listArticles(store.db, { status: 'draft', sector: 'energy', country: 'NP' });
    assert.equal(drafts.items.length, 1);
    assert.equal(drafts.items[0]!.status, 'draft');
  });

  it('a story taken down leaves the sector and country lists at once', async () => {
    const energyBefore = await listArticles(store.db, { sector: 'energy', limit: 100 });
    const target = energyBefore.items[0]!;
    await unpublishArticle(store.db, target.id, { actor: testActor('test') });
    const energyAfter = await listArticles(store.db, { sector: 'energy', limit: 100 });
    assert.ok(!ids(energyAfter.items).includes(target.id));
    await publishArticle(store.db, target.id, { actor: testActor('test') });
    const restored = await listArticles(store.db, { sector: 'energy', limit: 100 });
    assert.deepEqual(ids(restored.items), ids(energyBefore.items));
  });

  it('rejects cursors that are not ours', () => {
    assert.equal(decodeCursor('garbage'), null);
    assert.equal(decodeCursor(Buffer.from('2026-01-01|x').toString('base64url')), null);
    assert.equal(decodeCursor('x'.repeat(500)), null);
    assert.deepEqual(decodeCursor(encodeCursor({ at: at(5), id: 42 })), { at: at(5), id: 42 });
  });
});
