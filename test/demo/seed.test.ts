import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import { getArticle, listArticles, listRevisions, type ArticleSummary } from '../../src/content/articles.js';
import { isSynthetic } from '../../src/content/media.js';
import { listPages } from '../../src/content/pages.js';
import { getSiteSettings } from '../../src/content/settings.js';
import { newsroomStats } from '../../src/content/stats.js';
import { findEdition, listEditions, listSectors } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { seedDemo } from '../../src/demo/seed.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

const NOW = new Date('2026-11-29T12:00:00.000Z');
const DAY = 86_400_000;

describeEachDatabase('demo newsroom', (testDb) => {
  let store: Store;
  let published: ArticleSummary[];
  const editionsBySlug = new Map<string, number>();

  before(async () => {
    store = await testDb.open();
    const result = await seedDemo(store.db, { dataDir: testDb.dataDir, now: NOW });
    assert.equal(result.seeded, true);
    let page = await listArticles(store.db, { limit: 100 });
    published = [...page.items];
    while (page.older) {
      page = await listArticles(store.db, { limit: 100, before: page.older });
      published.push(...page.items);
    }
    for (const e of await listEditions(store.db)) editionsBySlug.set(e.slug, e.id);
  });

  it('has at least 120 published articles of all five kinds, in every sector and edition, about 30+ countries', async () => {
    assert.ok(published.length >= 120, String(published.length));
    assert.deepEqual(new Set(published.map((a) => a.kind)), new Set(['news', 'opinion', 'blog', 'interview', 'shot']));
    const sectors = await listSectors(store.db);
    assert.ok(sectors.length >= 15);
    for (const s of sectors)
      assert.ok(
        published.some((a) => a.sectors.includes(s.slug)),
        `no story in ${s.slug}`,
      );
    const editions = await listEditions(store.db);
    assert.ok(editions.length >= 6);
    for (const e of editions)
      assert.ok(
        published.some((a) => a.editionId === e.id),
        `no story in ${e.slug}`,
      );
    assert.ok(new Set(published.flatMap((a) => a.countries)).size >= 30);
  });

  it('files India under the South Asia edition, shown as IST', async () => {
    const southAsia = await findEdition(store.db, 'south-asia');
    assert.equal(southAsia?.timeZone, 'Asia/Kolkata');
    assert.equal(southAsia?.tzAbbreviation, 'IST');
    const indian = published.filter((a) => a.countries[0] === 'IN' && a.kind === 'news' && a.editionId !== (editionsBySlug.get('global') ?? -1));
    assert.ok(indian.length > 0);
    assert.ok(indian.every((a) => a.editionId === southAsia?.id));
  });

  it('spreads publication times over the 14 days before seeding, and updates some stories later', async () => {
    for (const a of published) {
      const t = Date.parse(a.publishedAt!);
      assert.ok(t <= NOW.getTime() && t >= NOW.getTime() - 14 * DAY - 3_600_000, a.publishedAt!);
    }
    const updated = published.filter((a) => a.updatedAt > a.createdAt);
    assert.ok(updated.length >= 10, `${updated.length} updated`);
    const revisions = await listRevisions(store.db, updated[0]!.id);
    assert.equal(revisions.length, 2);
    const days = new Set(published.map((a) => a.publishedAt!.slice(0, 10)));
    assert.ok(days.size >= 12, `${days.size} distinct days`);
  });

  it('credits agencies on most news and says how much AI was involved', () => {
    const news = published.filter((a) => a.kind === 'news');
    const sourced = news.filter((a) => a.sources.length > 0);
    assert.ok(sourced.length / news.length > 0.6, `${sourced.length}/${news.length}`);
    assert.ok(sourced.every((a) => a.sources.every((s) => s.agency && s.itemId && s.version >= 1)));
    assert.ok(news.some((a) => a.aiInvolvement === 'generated' && !a.humanReviewed));
    assert.ok(news.some((a) => a.aiInvolvement === 'assisted' && a.humanReviewed));
    assert.ok(published.filter((a) => a.kind === 'opinion').every((a) => 'authors' in a.byline && a.aiInvolvement === 'none'));
  });

  it('gives every article a generated hero image that is on disk and labelled as generated', async () => {
    for (const a of published) {
      assert.ok(a.hero, `article ${a.id} has no hero`);
      assert.ok(isSynthetic(a.hero.digitalSourceType));
      assert.match(a.hero.caption, /not a photograph/);
      assert.ok(a.hero.altText.length > 10);
      const svg = fs.readFileSync(path.join(testDb.dataDir, 'media', a.hero.file), 'utf8');
      assert.match(svg, /^<svg [^>]*role="img"/);
      assert.match(svg, /Generated illustration/);
    }
  });

  it('writes bodies as paragraphs, with interviews in questions and answers', async () => {
    const interview = published.find((a) => a.kind === 'interview')!;
    const body = (await getArticle(store.db, interview.id))!.body;
    assert.match(body, /<p><strong>Q:<\/strong>/);
    assert.match(body, /<p><strong>A:<\/strong>/);
    const news = (await getArticle(store.db, published.find((a) => a.kind === 'news')!.id))!;
    assert.ok((news.body.match(/<p>/g) ?? []).length >= 4);
    assert.doesNotMatch(news.body + news.headline + news.standfirst, /\{(country|capital|demonym|agency)\}/);
  });

  it('has the five static pages and the publisher settings', async () => {
    assert.deepEqual((await listPages(store.db)).map((p) => p.slug).sort(), ['about', 'contact', 'disclaimer', 'privacy-policy', 'terms-of-use']);
    const settings = await getSiteSettings(store.db);
    assert.equal(settings.siteName, 'Wiredesk News');
    assert.ok(settings.socialLinks.length > 0 && settings.otherLinks.length > 0 && settings.otherProducts.length > 0);
  });

  it('seeding again changes nothing', async () => {
    const before = await newsroomStats(store.db);
    assert.deepEqual(await seedDemo(store.db, { dataDir: testDb.dataDir }), { seeded: false, articles: 0 });
    assert.deepEqual(await newsroomStats(store.db), before);
  });

  it('keeps some stories on the desk: drafts, in review and scheduled', async () => {
    const stats = await newsroomStats(store.db);
    assert.ok(stats.articles.byStatus.draft > 0 && stats.articles.byStatus.review > 0 && stats.articles.byStatus.scheduled > 0);
  });
});

describeEachDatabase('demo seed run by two processes at once', (testDb) => {
  it('seeds exactly once', async () => {
    await runCli(['migrate'], testDb.env);
    const [a, b] = await Promise.all([runCli(['seed', '--demo'], testDb.env), runCli(['seed', '--demo'], testDb.env)]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.equal([a.stdout, b.stdout].filter((out) => /Seeded the demo newsroom/.test(out)).length, 1);
    const stats = JSON.parse((await runCli(['stats', '--json'], testDb.env)).stdout);
    assert.equal(stats.articles.total, 183);
  });
});
