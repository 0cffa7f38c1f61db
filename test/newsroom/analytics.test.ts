import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { audienceCsv } from '../../src/audience/export.js';
import { addViews } from '../../src/audience/reads.js';
import type { Store } from '../../src/db/connect.js';
import { listArticlesWithReads, SORT_WINDOW } from '../../src/newsroom/article-reads.js';
import { directoryLoader } from '../../src/content/directory.js';
import { articlesJsonl } from '../../src/syndication/export.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser, get, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

const HOUR = 3_600_000;
const today = () => new Date().toISOString().slice(0, 10);

describeEachDatabase('reads in the newsroom and the exports', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;
  let writer: DeskUser;
  const stories: Record<'quiet' | 'busy' | 'steady' | 'tricky', number> = { quiet: 0, busy: 0, steady: 0, tricky: 0 };
  let draft = 0;
  /** How many (story, day) rows the audience export holds for the reads below; 4, or 5 just after midnight. */
  let storyDays = 0;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    writer = await deskUser(store.db, 'writer');
    const published = (h: number) => ({ now: new Date(Date.now() - h * HOUR).toISOString() });
    stories.steady = (await addStory(store.db, { headline: 'Steady Harbour Story' }, published(200))).id;
    stories.busy = (await addStory(store.db, { headline: 'Busy Election Story' }, published(30))).id;
    stories.tricky = (await addStory(store.db, { headline: 'Tricky Headline Story' }, published(20))).id;
    stories.quiet = (await addStory(store.db, { headline: 'Quiet Newest Story' }, published(1))).id;
    draft = (await addStory(store.db, { headline: 'Unfinished Draft Story' }, { status: 'draft' })).id;
    // What a spreadsheet must not run, and what CSV must quote.
    await store.db.updateTable('articles').set({ headline: '=HYPERLINK("http://x.example","a, b")\nsecond line' }).where('id', '=', stories.tricky).execute();
    const now = Date.now();
    // Story-days in the export: the read 5 h and the one 3 h ago fall on yesterday's date just after midnight (UTC).
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    storyDays = new Set(
      [
        [stories.busy, now],
        [stories.busy, now - 5 * HOUR],
        [stories.steady, now - 3 * HOUR],
        [stories.steady, now - 6 * 24 * HOUR],
        [stories.tricky, now],
      ].map(([id, t]) => `${id} ${day(t!)}`),
    ).size;
    await addViews(store.db, [
      { articleId: stories.busy, at: new Date(now), views: 40 },
      { articleId: stories.busy, at: new Date(now - 5 * HOUR), views: 10 },
      { articleId: stories.steady, at: new Date(now - 3 * HOUR), views: 30 },
      { articleId: stories.tricky, at: new Date(now), views: 2 },
    ]);
    // Older reads, already rolled up into a day.
    await store.db
      .insertInto('article_views_daily')
      .values({ article_id: stories.steady, day: new Date(now - 6 * 24 * HOUR).toISOString().slice(0, 10), views: 500 })
      .execute();
  });

  /** The headlines of the list's rows, in order, with their three figures. */
  const listed = async (query: string) => {
    const res = await get(app, `/newsroom/articles?status=published${query}`, await editor.session());
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const rows = [...res.body.matchAll(/<tr><td[^>]*><a href="\/newsroom\/articles\/(\d+)"[^>]*>[\s\S]*?<\/tr>/g)];
    return rows.map((m) => [Number(m[1]), ...[...m[0].matchAll(/<td[^>]*class="figure"[^>]*>([\d,]+)<\/td>/g)].map((c) => Number(c[1]!.replace(/,/g, '')))]);
  };

  it('shows this hour, 24 hours and all reads for every story in the list, newest first by default', async () => {
    const res = await get(app, '/newsroom/articles?status=published', await editor.session());
    for (const h of ['This hour', '24 h', 'Reads']) assert.match(res.body, new RegExp(`<th scope="col">${h}</th>`));
    assert.deepEqual(await listed(''), [
      [stories.quiet, 0, 0, 0],
      [stories.tricky, 2, 2, 2],
      [stories.busy, 40, 50, 50],
      [stories.steady, 0, 30, 530],
    ]);
  });

  it('sorts by each figure, most read first, saying it sorts the most recent stories', async () => {
    assert.deepEqual(
      (await listed('&sort=hour')).map((r) => r[0]),
      [stories.busy, stories.tricky, stories.quiet, stories.steady],
    );
    assert.deepEqual(
      (await listed('&sort=24h')).map((r) => r[0]),
      [stories.busy, stories.steady, stories.tricky, stories.quiet],
    );
    assert.deepEqual(
      (await listed('&sort=total')).map((r) => r[0]),
      [stories.steady, stories.busy, stories.tricky, stories.quiet],
    );
    const res = await get(app, '/newsroom/articles?status=published&sort=total', await editor.session());
    assert.match(res.body, /among the 4 most recent stories of this list \(page 1 of 1\)/);
    assert.match(res.body, /<option value="total" selected>/);
  });

  it('refuses an unknown order or page with 422 and says which', async () => {
    for (const [query, problem] of [
      ['sort=popular', /sort: one of recent, hour, 24h, total/],
      ['sort=total&page=0', /page: a page number from 1 to 4/],
      ['sort=total&page=x', /page: a page number/],
    ] as const) {
      const res = await get(app, `/newsroom/articles?${query}`, await editor.session());
      assert.equal(res.statusCode, 422, query);
      assert.match(res.body, problem);
    }
  });

  it('pages by reads within the window and on to the next window by keyset', async (t) => {
    const ids: number[] = [];
    t.after(() => store.db.deleteFrom('articles').where('id', 'in', ids).execute());
    for (let i = 0; i < 35; i++) ids.push((await addStory(store.db, { headline: `Filler ${i}`, sectors: ['energy'] })).id);
    await addViews(
      store.db,
      ids.map((id, i) => ({ articleId: id, at: new Date(), views: i + 1 })),
    );
    const sorting = { sort: 'hour', page: 1 } as const;
    const first = await listArticlesWithReads(store.db, { status: 'published', sector: 'energy' }, sorting, new Date());
    assert.deepEqual(first.window, { page: 1, pages: 2, stories: 35 });
    assert.deepEqual(
      first.items.map((a) => a.id),
      ids.slice(5).reverse(),
    );
    const second = await listArticlesWithReads(store.db, { status: 'published', sector: 'energy' }, { ...sorting, page: 2 }, new Date());
    assert.deepEqual(
      second.items.map((a) => a.id),
      ids.slice(0, 5).reverse(),
    );
    assert.equal(first.older, null, `${SORT_WINDOW} stories fit one window`);
    const page = await get(app, '/newsroom/articles?status=published&sector=energy&sort=hour', await editor.session());
    assert.match(page.body, /href="\/newsroom\/articles\?status=published&(amp;)?sector=energy&(amp;)?sort=hour&(amp;)?page=2">Less read →/);
  });

  it("shows the story's three figures on the editor, and none for a story never published", async () => {
    const res = await get(app, `/newsroom/articles/${stories.steady}`, await editor.session());
    assert.match(
      res.body,
      /<h2 id="reads-h">Reads<\/h2><dl><dt>This hour<\/dt><dd>0<\/dd><dt>Last 24 hours<\/dt><dd>30<\/dd><dt>Since publication<\/dt><dd>530<\/dd><\/dl>/,
    );
    const unpublished = await get(app, `/newsroom/articles/${draft}`, await editor.session());
    assert.equal(unpublished.statusCode, 200);
    assert.doesNotMatch(unpublished.body, /id="reads-h"/);
  });

  it('exports the published stories as ninjs JSON Lines, within since and until', async () => {
    const res = await get(app, '/newsroom/export/articles.jsonl', await editor.session());
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/jsonl/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="articles-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const items = res.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      items.map((i) => i.headlines[0].value),
      ['Quiet Newest Story', '=HYPERLINK("http://x.example","a, b")\nsecond line', 'Busy Election Story', 'Steady Harbour Story'],
    );
    assert.ok(items.every((i) => i.standard.name === 'ninjs' && i.pubstatus === 'usable'));
    const since = new Date(Date.now() - 25 * HOUR).toISOString();
    const until = new Date(Date.now() - 10 * HOUR).toISOString();
    const window = await get(app, `/newsroom/export/articles.jsonl?since=${since}&until=${until}`, await editor.session());
    assert.equal(window.body.trimEnd().split('\n').length, 1);
    assert.match(window.body, /"value":"=HYPERLINK/);
    const bad = await get(app, '/newsroom/export/articles.jsonl?since=yesterday', await editor.session());
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /since: an ISO 8601 date or time/);
  });

  it('refuses a bad articles range with 422, saying what is wrong, and writes no audit entry for it', async () => {
    const exports = async () => (await store.db.selectFrom('audit_log').select('id').where('action', '=', 'articles.export').execute()).length;
    const before = await exports();
    for (const [query, problem] of [
      ['since=2026-11-02&until=2026-11-01', /until must be later than since/],
      ['since=2026-11-01&since=2026-11-02', /since: give since once, as an ISO 8601 time/],
      ['until=soon', /until: an ISO 8601 date or time/],
    ] as const) {
      const res = await get(app, `/newsroom/export/articles.jsonl?${query}`, await editor.session());
      assert.equal(res.statusCode, 422, query);
      assert.match(res.body, /Invalid export range/, query);
      assert.match(res.body, problem, query);
    }
    assert.equal(await exports(), before);
  });

  it('walks every published story once in keyset batches, however small', async () => {
    const dir = await directoryLoader(store.db).get();
    const chunks: string[] = [];
    for await (const chunk of articlesJsonl(store.db, dir, 'https://news.example.org', {}, 1)) chunks.push(chunk);
    assert.equal(chunks.length, 4);
    assert.deepEqual(new Set(chunks.map((c) => JSON.parse(c).uri)).size, 4);
  });

  it('exports reads per story and day as CSV, quoted and safe from formulas', async () => {
    const from = new Date(Date.now() - 10 * 24 * HOUR).toISOString().slice(0, 10);
    const res = await get(app, `/newsroom/export/audience.csv?from=${from}&to=${today()}`, await editor.session());
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const body = res.body;
    assert.ok(body.startsWith('article_id,slug,headline,day,reads\r\n'));
    assert.ok(body.includes(`${stories.tricky},`), body);
    // Apostrophe first (no formula), then quoted: the quotes doubled, the comma and line break kept.
    assert.ok(body.includes(`,"'=HYPERLINK(""http://x.example"",""a, b"")\nsecond line",`), body);
    const total = [...body.matchAll(/,(\d+)\r\n/g)].reduce((n, m) => n + Number(m[1]), 0);
    assert.equal(total, 50 + 530 + 2, 'every read of the range, once');
    const chunks: string[] = [];
    for await (const c of audienceCsv(store.db, { from, to: today() }, 1)) chunks.push(c);
    assert.equal(chunks.join(''), body, 'the same lines in batches of one');
  });

  it("offers both exports on the audience dashboard; its forms' blank dates mean no limit", async () => {
    const dashboard = await get(app, '/newsroom/audience', await editor.session());
    assert.match(dashboard.body, /<form method="get" action="\/newsroom\/export\/audience.csv"/);
    assert.match(dashboard.body, /<form method="get" action="\/newsroom\/export\/articles.jsonl"/);
    const blank = await get(app, '/newsroom/export/audience.csv?from=&to=', await editor.session());
    assert.equal(blank.statusCode, 200);
    assert.match(String(blank.headers['content-disposition']), new RegExp(`audience-\\d{4}-\\d{2}-\\d{2}-${today()}\\.csv`));
    const articles = await get(app, '/newsroom/export/articles.jsonl?since=&until=', await editor.session());
    assert.equal(articles.body.trimEnd().split('\n').length, 4);
  });

  it('refuses a bad audience range with 422', async () => {
    for (const query of [
      'from=2026-13-01&to=2026-12-01',
      'from=2026-12-02&to=2026-12-01',
      'from=2020-01-01&to=2026-01-01',
      'from=soon',
      'from=2026-12-01&from=2026-12-02',
    ]) {
      const res = await get(app, `/newsroom/export/audience.csv?${query}`, await editor.session());
      assert.equal(res.statusCode, 422, query);
      assert.match(res.body, /Invalid export range/);
    }
  });

  it('lets editors export, and refuses writers with 403 and the signed out with the sign-in page', async () => {
    for (const url of ['/newsroom/export/articles.jsonl', '/newsroom/export/audience.csv']) {
      assert.equal((await get(app, url, await writer.session())).statusCode, 403, url);
      const out = await get(app, url);
      assert.equal(out.statusCode, 303);
      assert.match(String(out.headers.location), /^\/newsroom\/sign-in\?next=/);
    }
    const audit = await store.db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'like', '%.export').execute();
    assert.ok(audit.some((a) => a.action === 'articles.export' && a.actor === editor.email));
    assert.ok(audit.some((a) => a.action === 'audience.export' && a.actor === editor.email));
  });

  it('writes the same exports from the command line, to a file that appears only when complete', async () => {
    const file = path.join(testDb.dataDir, 'articles.jsonl');
    const run = await runCli(['export', 'articles', '--out', file], testDb.env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote 4 articles to /);
    assert.equal(fs.readFileSync(file, 'utf8').trimEnd().split('\n').length, 4);
    const csv = path.join(testDb.dataDir, 'audience.csv');
    const audience = await runCli(['export', 'audience', '--out', csv, '--from', new Date(Date.now() - 10 * 24 * HOUR).toISOString().slice(0, 10)], testDb.env);
    assert.equal(audience.code, 0, audience.stderr);
    assert.match(audience.stdout, new RegExp(`Wrote ${storyDays} story-days to `));
    assert.ok(fs.readFileSync(csv, 'utf8').includes(`"'=HYPERLINK(`));
    const bad = await runCli(['export', 'audience', '--out', path.join(testDb.dataDir, 'never.csv'), '--from', '2026-12-02', '--to', '2026-12-01'], testDb.env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^wiredesk: Invalid export range: the range ends \(2026-12-01\) before it starts/);
    assert.equal(fs.existsSync(path.join(testDb.dataDir, 'never.csv')), false);
    assert.deepEqual(
      fs.readdirSync(testDb.dataDir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });
});
