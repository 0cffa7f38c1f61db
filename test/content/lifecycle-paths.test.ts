import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle, listRevisions, type Article } from '../../src/content/articles.js';
import { listAudit } from '../../src/content/audit.js';
import { seededRandom } from '../../src/content/illustration.js';
import { publishDueArticles } from '../../src/content/lifecycle.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath, articleSitemapPath } from '../../src/presentation/urls.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { parseWire } from '../../src/wire/parse.js';
import { addSource } from '../../src/wire/sources.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { deskUser, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Every path to publication against every guard, on both databases. Each forbidden case is
 * refused with a message a desk editor understands, and changes nothing: the story keeps its
 * state and version, no publication event is written, no article is added.
 */

const HOUR = 3_600_000;
const WORDS = [
  'harvest',
  'tariff',
  'vaccine',
  'ferry',
  'drought',
  'council',
  'budget',
  'turbine',
  'clinic',
  'teacher',
  'railway',
  'monsoon',
  'cooperative',
  'pipeline',
  'orchard',
  'tribunal',
  'satellite',
  'festival',
  'refinery',
  'wetland',
  'microloan',
  'curriculum',
  'cyclone',
  'lithium',
  'broadband',
  'midwife',
  'terminal',
  'reservoir',
  'quarry',
  'textile',
  'glacier',
  'vineyard',
  'dialysis',
  'census',
  'harbour',
  'compost',
  'mangrove',
  'airstrip',
  'tannery',
  'observatory',
  'granary',
  'abattoir',
  'hatchery',
  'orphanage',
  'sawmill',
  'brewery',
  'ropeway',
  'lighthouse',
  'kiln',
  'aqueduct',
  'bakery',
  'foundry',
  'marina',
  'pharmacy',
  'dairy',
  'creche',
  'toll',
  'silo',
  'dam',
  'archive',
];
/** Copy about an event of its own: no two test items share enough words to read as one event. */
function copyFor(n: number) {
  const rand = seededRandom(1000 + n);
  const words = [...WORDS].sort(() => rand() - 0.5).slice(0, 6);
  return {
    headline: `${words[0]!.replace(/^\w/, (c) => c.toUpperCase())} ${words[1]} ${words[2]} works`,
    body: `<p>${words.slice(0, 6).join(' ')} ${n * 977 + 311}.</p><p>The scheme will reach ${n * 613 + 1207} homes within a year, and more after that, the organisers said.</p>`,
  };
}

let serial = 0;
/** A ninjs item as an agency sends it. */
function ninjs(
  id: string,
  version: number,
  fields: { pubstatus?: string; embargoed?: string; ednote?: string; headline?: string; copyrightholder?: string } = {},
) {
  const copy = copyFor(numberOf(id));
  return JSON.stringify({
    uri: id,
    version,
    versioncreated: new Date(Date.now() - HOUR + version * 60_000).toISOString(),
    pubstatus: fields.pubstatus ?? 'usable',
    ...(fields.embargoed ? { embargoed: fields.embargoed } : {}),
    ...(fields.ednote ? { ednote: fields.ednote } : {}),
    copyrightholder: fields.copyrightholder ?? 'Lighthouse Newswire',
    headline: fields.headline ?? copy.headline,
    body_html: copy.body,
    located: [{ name: 'Kathmandu', countrycode: 'NP' }],
  });
}
const ids = new Map<string, number>();
const numberOf = (id: string) => ids.get(id) ?? (ids.set(id, ids.size).get(id) as number);
const item = (id: string, version: number, fields: Parameters<typeof ninjs>[2] = {}) => parseWire(ninjs(id, version, fields)).items[0]!;

type Guard = 'embargo' | 'withheld' | 'killed';
const refusal: Record<Guard, RegExp> = {
  embargo: /embargo runs until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: the story cannot go out before then\. Schedule it for when the embargo lifts/,
  withheld: /Lighthouse Newswire withheld [^ ]+ \(version \d\): “pending a legal review”\. It cannot be published while the agency withholds it/,
  killed: /killed/,
};

describeEachDatabase('every path to publication obeys embargoes, holds and kills', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;
  let session: { cookie: string; csrf: string };
  const embargo = new Date(Date.now() + 2 * 24 * HOUR).toISOString();

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    session = await editor.session();
  });

  async function storyOf(itemId: string): Promise<Article> {
    const row = await store.db
      .selectFrom('wire_items')
      .select('article_id')
      .where('item_id', '=', itemId)
      .where('role', '=', 'primary')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    return (await getArticle(store.db, row.article_id!))!;
  }

  /** A story in the inbox under the guard. */
  async function guarded(guard: Guard): Promise<Article> {
    const id = `lhn:${guard}:${++serial}`;
    if (guard === 'embargo') await ingestWireItem(store.db, item(id, 1, { embargoed: embargo, ednote: 'Not before the minister speaks.' }));
    if (guard === 'withheld') await ingestWireItem(store.db, item(id, 1, { pubstatus: 'withheld', ednote: 'pending a legal review' }));
    if (guard === 'killed') {
      await ingestWireItem(store.db, item(id, 1));
      await ingestWireItem(store.db, item(id, 2, { pubstatus: 'canceled', ednote: 'The story is withdrawn.' }));
    }
    return storyOf(id);
  }

  const counts = async () => ({
    events: Number(
      (
        await store.db
          .selectFrom('publication_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    articles: Number(
      (
        await store.db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  /** The newsroom's ways to send a story out, as an editor clicks them. */
  const inHour = new Date(Date.now() + HOUR).toISOString().slice(0, 16);
  const paths: Record<string, (a: Article) => Promise<{ statusCode: number; body: string }>> = {
    'editor: Publish now': (a) => post(app, `/newsroom/articles/${a.id}/publish`, {}, session),
    'editor: Schedule (before the embargo lifts)': (a) => post(app, `/newsroom/articles/${a.id}/schedule`, { at: inHour }, session),
    'editor: publish anyway with a written reason': (a) =>
      post(app, `/newsroom/articles/${a.id}/publish`, { override: 'Our lawyers cleared it this morning.' }, session),
    'inbox: Publish now (confirmed)': (a) => post(app, '/newsroom/inbox/bulk', { action: 'publish', ids: String(a.id), confirmed: 'yes' }, session),
    'inbox: Publish as a Shot': (a) => post(app, `/newsroom/inbox/${a.id}/shot`, {}, session),
  };

  for (const guard of ['embargo', 'withheld', 'killed'] as const) {
    describe(`under ${guard === 'embargo' ? 'an embargo' : guard === 'withheld' ? "an agency's hold" : 'a kill'}`, () => {
      for (const [name, run] of Object.entries(paths)) {
        // An override with a reason is the one way past a hold: it is tested as allowed below.
        if (guard === 'withheld' && name.includes('with a written reason')) continue;
        it(`${name} is refused with the reason, and nothing changes`, async () => {
          const story = await guarded(guard);
          const before = await counts();
          const res = await run(story);
          assert.equal(res.statusCode, 422, res.body.slice(0, 300));
          assert.match(res.body.replace(/&#39;/g, "'").replace(/&quot;/g, '"'), refusal[guard]);
          const after = (await getArticle(store.db, story.id))!;
          assert.deepEqual([after.status, after.version], [story.status, story.version]);
          assert.deepEqual(await counts(), before);
          assert.notEqual((await app.inject(articlePath(story))).statusCode, 200);
        });
      }

      it('restoring an old revision never brings the story out', async () => {
        const story = await guarded(guard);
        const oldest = (await listRevisions(store.db, story.id)).at(-1)!;
        const res = await post(app, `/newsroom/articles/${story.id}/revisions/${oldest.id}/restore`, {}, session);
        const after = (await getArticle(store.db, story.id))!;
        assert.equal(after.status, story.status);
        if (guard === 'killed') {
          assert.equal(res.statusCode, 422);
          assert.match(res.body, /killed by its agency: it cannot be changed any more/);
          assert.equal(after.version, story.version);
        }
        assert.notEqual((await app.inject(articlePath(story))).statusCode, 200);
      });

      it('auto-publish does not send it out', async () => {
        const id = `lhn:auto:${guard}:${++serial}`;
        const options = { autoPublish: true, source: 'auto' };
        if (guard === 'embargo') await ingestWireItem(store.db, item(id, 1, { embargoed: embargo }), options);
        if (guard === 'withheld') await ingestWireItem(store.db, item(id, 1, { pubstatus: 'withheld', ednote: 'pending a legal review' }), options);
        if (guard === 'killed') {
          await ingestWireItem(store.db, item(id, 1, { pubstatus: 'withheld' }), options);
          await ingestWireItem(store.db, item(id, 2, { pubstatus: 'canceled' }), options);
          assert.equal(await ingestWireItem(store.db, item(id, 3), options), 'ignored', 'killed copy cannot come back');
        }
        const story = await storyOf(id);
        assert.equal(story.status, { embargo: 'scheduled', withheld: 'draft', killed: 'killed' }[guard]);
        assert.equal(story.publishedAt, null);
        if (guard === 'embargo') assert.equal(story.scheduledFor, embargo, 'scheduled for the moment the embargo lifts');
      });

      it('the scheduler does not publish it before its time', async () => {
        const story = await guarded(guard);
        assert.deepEqual(await publishDueArticles(store.db, new Date(Date.now() + 3 * 24 * HOUR).toISOString()).then((ids) => ids.includes(story.id)), false);
        assert.equal((await getArticle(store.db, story.id))!.status, story.status);
      });
    });
  }

  it('the CLI ingest of an auto-publish source publishes only the copy no guard holds', async () => {
    const folder = path.join(testDb.dataDir, 'wire-drop', 'cli-auto');
    fs.mkdirSync(folder, { recursive: true });
    await addSource(store.db, { name: 'cli-auto', agency: 'Lighthouse Newswire', folder, rule: 'auto-publish' }, testActor(), {
      places: { dataDir: testDb.dataDir },
    });
    const file = path.join(testDb.dataDir, 'cli-auto.json');
    fs.writeFileSync(
      file,
      `[${[ninjs('cli:free', 1), ninjs('cli:embargo', 1, { embargoed: embargo }), ninjs('cli:held', 1, { pubstatus: 'withheld' })].join(',')}]`,
    );
    const res = await runCli(['ingest', file, '--source', 'cli-auto', '--json'], testDb.env);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(
      [(await storyOf('cli:free')).status, (await storyOf('cli:embargo')).status, (await storyOf('cli:held')).status],
      ['published', 'scheduled', 'draft'],
    );
  });

  describe('what the rules allow', () => {
    it('an embargoed story scheduled for the lift goes out then, and not a minute before; a later embargo moves it', async () => {
      const story = await guarded('embargo');
      const res = await post(app, `/newsroom/inbox/${story.id}/schedule-embargo`, {}, session);
      assert.equal(res.statusCode, 303);
      assert.equal((await getArticle(store.db, story.id))!.scheduledFor, embargo);
      assert.deepEqual(await publishDueArticles(store.db, new Date(Date.parse(embargo) - 60_000).toISOString()), []);
      // The agency moves its embargo a day later: the schedule follows.
      const later = new Date(Date.parse(embargo) + 24 * HOUR).toISOString();
      await ingestWireItem(store.db, item(story.sources[0]!.itemId, 2, { embargoed: later }));
      assert.equal((await getArticle(store.db, story.id))!.scheduledFor, later);
      assert.ok(!(await publishDueArticles(store.db, embargo)).includes(story.id));
      assert.ok((await publishDueArticles(store.db, later)).includes(story.id));
      const out = (await getArticle(store.db, story.id))!;
      assert.equal(out.status, 'published');
      assert.equal(out.publishedVia, 'desk');
    });

    it('an editor may publish a withheld story with a written reason, which the audit log keeps; without one it is refused', async () => {
      const story = await guarded('withheld');
      const short = await post(app, `/newsroom/articles/${story.id}/publish`, { override: 'ok' }, session);
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /Give the reason/);
      const res = await post(app, `/newsroom/articles/${story.id}/publish`, { override: 'Our lawyers cleared it this morning.' }, session);
      assert.equal(res.statusCode, 303);
      assert.equal((await getArticle(store.db, story.id))!.status, 'published');
      const entry = (await listAudit(store.db, { action: 'article.hold-override' }))[0]!;
      assert.equal(entry.actor, editor.email);
      assert.match(entry.detail, /withheld .* Reason: Our lawyers cleared it this morning\./);
    });

    it('a withheld version takes a live story off the site at once (held, not gone), tells the desk, and a usable one brings it back', async () => {
      const id = `lhn:live:${++serial}`;
      await ingestWireItem(store.db, item(id, 1));
      const story = await storyOf(id);
      assert.equal((await post(app, `/newsroom/articles/${story.id}/publish`, {}, session)).statusCode, 303);
      assert.equal((await app.inject(articlePath(story))).statusCode, 200);
      const shot = await post(app, `/newsroom/inbox/${story.id}/shot`, {}, session);
      const shotId = Number(/\/articles\/(\d+)/.exec(String(shot.headers.location))![1]);
      const shotStory = (await getArticle(store.db, shotId))!;
      assert.deepEqual(
        [shotStory.kind, shotStory.humanReviewed, shotStory.publishedVia],
        ['shot', false, 'desk'],
        'a one-click Shot: the desk sent it, nobody read it',
      );
      assert.match((await app.inject(articlePath(shotStory))).body, /published by our desk without edits; it was not reviewed by our staff/);
      assert.equal(await ingestWireItem(store.db, item(id, 2, { pubstatus: 'withheld', ednote: 'pending a legal review' })), 'withheld');
      const held = (await getArticle(store.db, story.id))!;
      assert.equal(held.status, 'held');
      assert.equal((await app.inject(articlePath(story))).statusCode, 404, 'held: not there for now, but not 410 Gone');
      assert.equal((await app.inject(`/api/v1/items/${story.id}`)).statusCode, 404, 'nor in the items API');
      assert.doesNotMatch((await app.inject('/rss.xml')).body, new RegExp(held.headline), 'nor in the feed');
      assert.equal((await getArticle(store.db, shotId))!.status, 'held', 'the Shot made from it follows');
      const told = await store.db.selectFrom('notifications').selectAll().where('article_id', '=', story.id).where('kind', '=', 'agency-hold').execute();
      assert.equal(told.length, 1);
      assert.match(told[0]!.message, /pending a legal review/);
      await ingestWireItem(store.db, item(id, 3));
      assert.equal((await getArticle(store.db, story.id))!.status, 'published');
      assert.equal((await app.inject(articlePath(story))).statusCode, 200);
      // A kill then takes both down for good (410), and the same copy cannot be republished.
      await ingestWireItem(store.db, item(id, 4, { pubstatus: 'canceled' }));
      assert.equal((await app.inject(articlePath(story))).statusCode, 410);
      assert.equal((await app.inject(`/api/v1/items/${story.id}`)).statusCode, 410);
      const month = (await getArticle(store.db, story.id))!.publishedAt!.slice(0, 7);
      const machines = await Promise.all(
        ['/news-sitemap.xml', articleSitemapPath(month), '/rss.xml', '/api/v1/items?limit=100'].map(async (u) => (await app.inject(u)).body),
      );
      for (const body of machines)
        assert.doesNotMatch(body, new RegExp(`/article/${story.id}-|/api/v1/items/${story.id}"`), 'killed: out of the feeds, the sitemaps and the API');
      assert.match(machines[1]!, /<urlset/, 'the month’s sitemap is there, without it');
      assert.equal((await getArticle(store.db, shotId))!.status, 'killed');
      const events = await store.db.selectFrom('publication_events').select('event').where('article_id', '=', story.id).orderBy('id').execute();
      assert.deepEqual(
        events.map((e) => e.event),
        ['publish', 'unpublish', 'publish', 'unpublish'],
      );
    });
  });
});
