import assert from 'node:assert/strict';
import path from 'node:path';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { getArticle, listArticles, listRevisions } from '../../src/content/articles.js';
import { createArticle } from '../../src/content/lifecycle.js';
import { searchArticles } from '../../src/content/search.js';
import { postgresTagsOf, sqliteTagsOf } from '../../src/content/search-index.js';
import { listEditions, listSectors } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { loadDemoArchive, type ArchiveResult } from '../../src/demo/archive.js';
import { seedDemo } from '../../src/demo/seed.js';
import { describeEachDatabase } from '../helpers/databases.js';

const NOW = new Date('2026-11-29T12:00:00.000Z');
const DAY = 86_400_000;
const STORIES = 2_000;

describeEachDatabase('demo archive', (testDb) => {
  let store: Store;
  let result: ArchiveResult;
  let firstId: number;
  const progress: number[] = [];

  before(async () => {
    store = await testDb.open();
    await seedDemo(store.db, { dataDir: testDb.dataDir, now: NOW });
    firstId = Number((await sql<{ n: number }>`select max(id) as n from articles`.execute(store.db)).rows[0]!.n) + 1;
    result = await loadDemoArchive(store.db, {
      articles: STORIES,
      now: NOW,
      mediaDir: path.join(testDb.dataDir, 'media'),
      onProgress: (done) => progress.push(done),
    });
  });

  const archived = () => store.db.selectFrom('articles').where('id', '>=', firstId);

  it('adds N published stories over two years, ids in time order, and reports its progress', async () => {
    assert.equal(result.articles, STORIES);
    const rows = await archived().select(['id', 'published_at', 'status']).orderBy('id').execute();
    assert.equal(rows.length, STORIES);
    assert.ok(rows.every((r) => r.status === 'published'));
    for (let i = 1; i < rows.length; i += 1)
      assert.ok(rows[i]!.published_at! >= rows[i - 1]!.published_at!, `story ${rows[i]!.id} is older than the one before`);
    const oldest = Date.parse(rows[0]!.published_at!);
    assert.ok(NOW.getTime() - oldest > 700 * DAY && NOW.getTime() - oldest <= 731 * DAY, rows[0]!.published_at!);
    assert.ok(Date.parse(rows.at(-1)!.published_at!) < NOW.getTime());
    assert.equal(progress.at(-1), STORIES);
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
    );
  });

  it('uses every kind, sector and edition, and many countries', async () => {
    const kinds = await archived().select('kind').distinct().execute();
    assert.deepEqual(new Set(kinds.map((k) => k.kind)), new Set(['news', 'opinion', 'blog', 'interview', 'shot']));
    const sectorIds = await store.db.selectFrom('article_sectors').where('article_id', '>=', firstId).select('sector_id').distinct().execute();
    assert.equal(sectorIds.length, (await listSectors(store.db)).length);
    const editionIds = await archived().select('edition_id').distinct().execute();
    assert.equal(editionIds.length, (await listEditions(store.db)).length);
    const countries = await store.db.selectFrom('article_countries').where('article_id', '>=', firstId).select('country_code').distinct().execute();
    assert.ok(countries.length >= 150, String(countries.length));
  });

  it('writes stories the site reads back whole: listings, the article, its revisions and its picture', async () => {
    const page = await listArticles(store.db, { limit: 20 });
    assert.ok(page.items.some((a) => a.id >= firstId));
    const updated = await archived().select('id').where('version', '=', 2).limit(1).executeTakeFirstOrThrow();
    const article = (await getArticle(store.db, updated.id))!;
    assert.equal(article.version, 2);
    assert.ok(article.body.includes('<p>'));
    assert.ok(article.sectors.length >= 1 && article.countries.length === 1);
    assert.deepEqual((await listRevisions(store.db, updated.id)).map((r) => r.articleVersion).sort(), [1, 2]);
    const pictured = await archived().select('hero_media_id').where('hero_media_id', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const media = await store.db.selectFrom('media').selectAll().where('id', '=', pictured.hero_media_id!).executeTakeFirstOrThrow();
    assert.equal(media.digital_source_type, 'algorithmicMedia');
    assert.match(media.caption, /generated/);
    const corrections = await store.db
      .selectFrom('article_corrections')
      .where('article_id', '>=', firstId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(corrections.n), result.corrections);
  });

  it('indexes the text for search, rare invented names included', async () => {
    const row = await archived().select(['id', 'body']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const name = /compiled by \w+ (\w+) of the/.exec(row.body)![1]!;
    const hits = await searchArticles(store.db, name);
    assert.ok(hits.total >= 1);
    assert.ok(hits.hits.some((h) => h.article.id === row.id));
  });

  it('tags each story in the index as indexing it alone would', async () => {
    const ids = (await archived().select('id').orderBy('id').limit(5).execute()).map((r) => r.id);
    for (const id of ids) {
      if (store.kind === 'sqlite') {
        const row = (
          await sql<{
            stored: string;
            computed: string;
          }>`select s.tags as stored, ${sqliteTagsOf(id)} as computed from article_search s where s.rowid = ${id}`.execute(store.db)
        ).rows[0]!;
        assert.deepEqual(row.stored.split(' ').sort(), row.computed.split(' ').sort());
      } else {
        const row = (
          await sql<{ same: boolean }>`select s.tags = ${postgresTagsOf(sql`${id}::integer`)} as same from article_search s where s.article_id = ${id}`.execute(
            store.db,
          )
        ).rows[0]!;
        assert.equal(row.same, true, `story ${id}`);
      }
    }
  });

  it('gives agency copy versions and cross-agency duplicates, each with duplicate-index keys', async () => {
    const items = await store.db
      .selectFrom('wire_items')
      .where('article_id', '>=', firstId)
      .select(['id', 'agency', 'item_id', 'version', 'role', 'article_id'])
      .execute();
    assert.equal(items.length, result.wireItems);
    assert.ok(items.some((i) => i.version === 2));
    assert.ok(items.some((i) => i.role === 'duplicate'));
    const sources = await store.db.selectFrom('article_sources').where('article_id', '>=', firstId).select(['agency', 'item_id', 'item_version']).execute();
    for (const s of sources) {
      const latest = Math.max(...items.filter((i) => i.agency === s.agency && i.item_id === s.item_id).map((i) => i.version));
      assert.equal(s.item_version, latest);
    }
    const bands = await store.db
      .selectFrom('wire_item_bands')
      .where('wire_item_id', 'in', items.map((i) => i.id).slice(0, 500))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(bands.n) >= Math.min(500, items.length) * 10);
  });

  it('counts reads hourly for the last week only', async () => {
    const hours = await store.db.selectFrom('article_views').where('article_id', '>=', firstId).select(['hour']).execute();
    assert.equal(hours.length, result.viewRows);
    assert.ok(hours.length > 0);
    assert.ok(hours.every((h) => Date.parse(h.hour) >= NOW.getTime() - 8 * DAY && Date.parse(h.hour) <= NOW.getTime()));
  });

  it('leaves the database ready for the desk: new stories get new ids, a second load reuses the pictures', async () => {
    const story = await createArticle(
      store.db,
      { kind: 'news', headline: 'After the archive', edition: 'global' },
      { actor: { name: 'test', userId: null }, now: NOW.toISOString() },
    );
    assert.ok(story.id > firstId + STORIES - 1);
    const mediaBefore = await store.db
      .selectFrom('media')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await loadDemoArchive(store.db, { articles: 10, now: NOW, mediaDir: path.join(testDb.dataDir, 'media') });
    assert.equal(again.articles, 10);
    const mediaAfter = await store.db
      .selectFrom('media')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(mediaAfter.n), Number(mediaBefore.n));
  });
});
