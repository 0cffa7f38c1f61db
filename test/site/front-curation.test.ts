import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../src/content/audit.js';
import { ValidationError } from '../../src/content/errors.js';
import { composeTopStories, listFrontPins, pinnedStories, setFrontPins } from '../../src/content/front-pins.js';
import { killArticle, unpublishArticle } from '../../src/content/lifecycle.js';
import { createMedia } from '../../src/content/media.js';
import { listEditions, type Edition } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath } from '../../src/presentation/urls.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { deskUser, get, post } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const actor = testActor('editor@example.org');

/** The articles of the front's top-stories section, in order. */
function topStories(html: string): string[] {
  const top = /<section class="top[^"]*" aria-labelledby="top-h">([\s\S]*?)<\/section>/.exec(html)![1]!;
  return [...top.matchAll(/<a href="(\/article\/[^"]+)"/g)].map((m) => m[1]!);
}

describeEachDatabase('front-page curation', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let global: Edition;
  let southAsia: Edition;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    const editions = await listEditions(store.db);
    global = editions.find((e) => e.slug === 'global')!;
    southAsia = editions.find((e) => e.slug === 'south-asia')!;
  });

  it('the top stories are the pinned ones in their places, the newest fill the rest, and each story shows once', async () => {
    const hero = await createMedia(store.db, {
      file: 'demo/test-hero.svg',
      mimeType: 'image/svg+xml',
      width: 1600,
      height: 900,
      altText: 'Shapes',
      caption: '',
      credit: 'Wiredesk',
      digitalSourceType: 'algorithmicMedia',
    });
    const older = await addStory(store.db, { headline: 'An Older Story Worth Leading', heroMediaId: hero.id });
    const stories = [];
    for (let i = 0; i < 6; i++) stories.push(await addStory(store.db, { headline: `Fresh Story ${i}`, heroMediaId: hero.id }));
    const newestFirst = [...stories].reverse();
    assert.deepEqual(topStories((await app.inject('/')).body), newestFirst.slice(0, 5).map(articlePath), 'no pins: the five newest');

    await setFrontPins(
      store.db,
      global.id,
      [
        { position: 0, articleId: older.id, expiresAt: inHours(6) },
        { position: 3, articleId: stories[0]!.id, expiresAt: inHours(6) },
      ],
      { actor },
    );
    const html = (await app.inject('/')).body;
    assert.deepEqual(
      topStories(html),
      [older, newestFirst[0], newestFirst[1], stories[0], newestFirst[2]].map((a) => articlePath(a!)),
    );
    const latest = /aria-labelledby="latest-h">([\s\S]*?)<\/section>/.exec(html)![1]!;
    for (const shown of [older, stories[0]]) assert.ok(!latest.includes(articlePath(shown!)), 'a pinned story is not repeated in Latest News');
    assert.match(html, /<meta property="og:image" content="[^"]+test-hero\.svg/, 'the pinned lead is the page’s share image');
    // Another edition's front is its own.
    assert.ok(!topStories((await app.inject('/edition/south-asia')).body).includes(articlePath(older)));

    const [entry] = await listAudit(store.db, { action: 'front.pin' });
    assert.equal(entry!.actor, 'editor@example.org');
    assert.match(entry!.detail, new RegExp(`Lead: #${older.id} until`));
    await setFrontPins(store.db, global.id, [], { actor });
    assert.deepEqual(await listFrontPins(store.db, global.id), [], 'saving no pins clears them');
  });

  it('a pin ends at its time, or when its story is taken down, killed or unpublished', async () => {
    const a = await addStory(store.db, { headline: 'Pinned Until An Hour Ago' });
    const b = await addStory(store.db, { headline: 'Pinned Then Taken Down' });
    const c = await addStory(store.db, { headline: 'Pinned Then Killed' });
    await addStory(store.db, { headline: 'The Very Newest Story' });
    // Made two hours ago, to end an hour ago.
    await setFrontPins(store.db, global.id, [{ position: 0, articleId: a.id, expiresAt: inHours(-1) }], { actor, now: inHours(-2) });
    assert.equal((await pinnedStories(store.db, global.id)).size, 0);
    assert.notEqual(topStories((await app.inject('/')).body)[0], articlePath(a), 'the expired pin no longer leads');

    await setFrontPins(
      store.db,
      global.id,
      [
        { position: 0, articleId: b.id, expiresAt: inHours(3) },
        { position: 1, articleId: c.id, expiresAt: inHours(3) },
      ],
      { actor },
    );
    assert.equal(topStories((await app.inject('/')).body)[0], articlePath(b));
    await unpublishArticle(store.db, b.id, { actor });
    await killArticle(store.db, c.id, 'legal', { actor });
    const top = topStories((await app.inject('/')).body);
    assert.ok(!top.includes(articlePath(b)) && !top.some((href) => href.startsWith(`/article/${c.id}-`)), 'curation never shows what is not public');
    assert.equal(top.length, 5);
  });

  it('refuses what cannot be pinned, naming the place, and changes nothing', async () => {
    const live = await addStory(store.db, { headline: 'A Live Story' });
    const draft = await addStory(store.db, { headline: 'A Draft' }, { status: 'draft' });
    const shot = await addStory(store.db, { kind: 'shot', headline: 'A Shot', standfirst: 'Short.' });
    await setFrontPins(store.db, southAsia.id, [{ position: 0, articleId: live.id, expiresAt: inHours(2) }], { actor });
    const refused = async (pins: Parameters<typeof setFrontPins>[2], pattern: RegExp) => {
      await assert.rejects(setFrontPins(store.db, southAsia.id, pins, { actor }), (e: unknown) => e instanceof ValidationError && pattern.test(e.message));
    };
    await refused([{ position: 1, articleId: draft.id, expiresAt: inHours(2) }], /Top story 2: .*not published \(draft\)/);
    await refused([{ position: 0, articleId: shot.id, expiresAt: inHours(2) }], /Lead: a shot cannot lead/);
    await refused([{ position: 0, articleId: live.id, expiresAt: inHours(-1) }], /must end in the future/);
    await refused([{ position: 0, articleId: live.id, expiresAt: inHours(24 * 15) }], /at most 14 days/);
    await refused([{ position: 5, articleId: live.id, expiresAt: inHours(2) }], /position/);
    await refused([{ position: 0, articleId: 99_999_999, expiresAt: inHours(2) }], /no story 99999999/);
    await refused(
      [
        { position: 0, articleId: live.id, expiresAt: inHours(2) },
        { position: 1, articleId: live.id, expiresAt: inHours(2) },
      ],
      /one place only/,
    );
    await refused([{ position: 0, articleId: live.id, expiresAt: 'tomorrow' }], /expiresAt/);
    assert.deepEqual(
      (await listFrontPins(store.db, southAsia.id)).map((p) => p.articleId),
      [live.id],
      'the earlier pins stand',
    );
    await setFrontPins(store.db, southAsia.id, [], { actor });
  });

  it('a lead without an image gets the text-lead layout, with no empty picture block', async () => {
    const plain = await addStory(store.db, { headline: 'A Lead Without Any Picture', heroMediaId: null });
    await setFrontPins(store.db, global.id, [{ position: 0, articleId: plain.id, expiresAt: inHours(1) }], { actor });
    const html = (await app.inject('/')).body;
    assert.match(
      html,
      /<section class="top text-lead" aria-labelledby="top-h">\s*<h2[^>]*>\s*Top stories\s*<\/h2>\s*<article class="card lead"><div class="card-text">/,
    );
    await setFrontPins(store.db, global.id, [], { actor });
  });

  it('composeTopStories keeps places, skips stories pinned elsewhere and stops when stories run out', () => {
    const s = (id: number) => ({ id }) as Parameters<typeof composeTopStories>[1][number];
    const ids = (list: { id: number }[]) => list.map((a) => a.id);
    assert.deepEqual(ids(composeTopStories(new Map([[2, s(9)]]), [s(1), s(9), s(2), s(3), s(4)])), [1, 2, 9, 3, 4]);
    assert.deepEqual(ids(composeTopStories(new Map(), [s(1), s(2)])), [1, 2]);
    assert.deepEqual(ids(composeTopStories(new Map([[4, s(7)]]), [s(1)])), [1, 7]);
  });

  it('editors curate in the newsroom: pick, save, see what readers see; writers may not', async () => {
    const lead = await addStory(store.db, { headline: 'The Editor Picks This Lead', edition: 'south-asia' });
    const editor = await deskUser(store.db, 'editor');
    const e = await editor.session();
    const screen = await get(app, '/newsroom/front?edition=south-asia', e);
    assert.equal(screen.statusCode, 200);
    assert.match(screen.body, /<h1>Front page: South Asia<\/h1>/);
    assert.match(screen.body, new RegExp(`<option value="${lead.id}">The Editor Picks This Lead`));
    assert.match(screen.body, /name="until-0" value="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"/, 'the end is filled in');

    const until = new Date(Date.now() + 5 * HOUR + 5.5 * HOUR).toISOString().slice(0, 16); // Asia/Kolkata is UTC+5:30.
    const saved = await post(app, '/newsroom/front/south-asia', { 'story-0': String(lead.id), 'until-0': until, 'story-1': '', 'until-1': '' }, e);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/newsroom/front?edition=south-asia&saved=1');
    const [pin] = await listFrontPins(store.db, southAsia.id);
    assert.equal(pin!.articleId, lead.id);
    assert.ok(Math.abs(Date.parse(pin!.expiresAt) - (Date.now() + 5 * HOUR)) < 2 * 60_000, 'the time is read in the edition’s zone');
    const after = (await get(app, saved.headers.location as string, e)).body;
    assert.match(after, /The front page is saved\./);
    assert.match(after, /<strong>Lead<\/strong>: <a href="[^"]+">The Editor Picks This Lead<\/a> <span class="hint">\(pinned until/);
    assert.equal(topStories((await app.inject('/edition/south-asia')).body)[0], articlePath(lead));

    const bad = await post(app, '/newsroom/front/south-asia', { 'story-0': String(lead.id), 'until-0': '' }, e);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Lead: give the date and time the pin ends/);
    assert.equal((await post(app, '/newsroom/front/atlantis', {}, e)).statusCode, 404);
    const cleared = await post(app, '/newsroom/front/south-asia', { clear: '1' }, e);
    assert.equal(cleared.statusCode, 303);
    assert.deepEqual(await listFrontPins(store.db, southAsia.id), []);

    const writer = await deskUser(store.db, 'writer');
    const w = await writer.session();
    assert.equal((await get(app, '/newsroom/front', w)).statusCode, 403);
    assert.equal((await post(app, '/newsroom/front/south-asia', { 'story-0': String(lead.id), 'until-0': until }, w)).statusCode, 403);
    assert.deepEqual(await listFrontPins(store.db, southAsia.id), []);
  });
});
