import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { searchArticles, type SearchFilters } from '../../src/content/search.js';
import { openStore, type Store } from '../../src/db/connect.js';
import { currentMigration, migrateToLatest } from '../../src/db/migrate.js';
import { latestMigration, migrationsFor } from '../../src/db/migrations/index.js';
import { describeEachDatabase } from '../helpers/databases.js';

const tables = [
  'article_authors',
  'article_corrections',
  'article_countries',
  'article_revisions',
  'article_search',
  'article_sectors',
  'article_sources',
  'article_views',
  'article_views_daily',
  'articles',
  'audit_log',
  'authors',
  'countries',
  'dedupe_labels',
  'editions',
  'editor_presence',
  'feedback',
  'front_pins',
  'inbox_assignments',
  'media',
  'newsletter_issues',
  'newsletter_sends',
  'newsletter_subscriber_editions',
  'newsletter_subscribers',
  'notification_reads',
  'notifications',
  'pages',
  'password_resets',
  'publication_events',
  'rate_limits',
  'read_salts',
  'recent_reads',
  'sectors',
  'sessions',
  'settings',
  'sign_in_failures',
  'users',
  'webhook_deliveries',
  'webhook_subscriptions',
  'wire_item_bands',
  'wire_items',
  'wire_source_files',
  'wire_sources',
  'wire_terms',
];

describeEachDatabase('migrations', (testDb) => {
  let store: Store;
  before(async () => {
    store = await openStore(testDb.target);
  });
  after(() => store.close());

  it('an empty database has no migration, then migrates to the latest and creates every table', async () => {
    assert.equal(await currentMigration(store), null);
    const applied = await migrateToLatest(store);
    assert.equal(applied.at(-1), latestMigration);
    assert.equal(await currentMigration(store), latestMigration);
    // FTS5's own shadow tables (article_search_data, …) are an SQLite detail.
    const names = (await store.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_') && !/^article_search_/.test(n));
    assert.deepEqual(names.sort(), tables);
  });

  it('migrating again applies nothing', async () => {
    assert.deepEqual(await migrateToLatest(store), []);
  });

  it('the schema itself refuses an unknown kind or status, on both databases', async () => {
    await sql`insert into editions (slug, name, time_zone, locale, tz_abbreviation) values ('g', 'G', 'UTC', 'en', 'UTC')`.execute(store.db);
    const now = new Date().toISOString();
    await assert.rejects(
      sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at) values ('x', 'gossip', 'draft', 'X', 1, ${now}, ${now})`.execute(
        store.db,
      ),
    );
    await assert.rejects(
      sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at) values ('x', 'news', 'lost', 'X', 1, ${now}, ${now})`.execute(
        store.db,
      ),
    );
    await sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at) values ('x', 'news', 'draft', 'X', 1, ${now}, ${now})`.execute(
      store.db,
    );
    for (const status of ['held', 'killed']) {
      await sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at) values ('h', 'news', ${status}, 'H', 1, ${now}, ${now})`.execute(
        store.db,
      );
    }
    await sql`delete from articles where slug = 'h'`.execute(store.db);
  });

  it('times read back as the same ISO-8601 UTC text that was written', async () => {
    const row = await store.db.selectFrom('articles').select(['created_at']).executeTakeFirstOrThrow();
    assert.match(row.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('deleting an article removes its links (cascade)', async () => {
    const { id } = await store.db.selectFrom('articles').select('id').executeTakeFirstOrThrow();
    await sql`insert into sectors (slug, name) values ('s', 'S')`.execute(store.db);
    await store.db.insertInto('article_sectors').values({ article_id: id, sector_id: 1, position: 0, listed_at: null }).execute();
    await store.db.deleteFrom('articles').where('id', '=', id).execute();
    assert.equal((await store.db.selectFrom('article_sectors').selectAll().execute()).length, 0);
  });

  it('never reuses the id of a deleted article', async () => {
    const now = new Date().toISOString();
    const insert = async () =>
      (
        await sql<{ id: number }>`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at)
          values ('y', 'news', 'draft', 'Y', 1, ${now}, ${now}) returning id`.execute(store.db)
      ).rows[0]!;
    const first = await insert();
    await store.db.deleteFrom('articles').where('id', '=', first.id).execute();
    const second = await insert();
    assert.ok(second.id > first.id);
  });
});

describeEachDatabase('the editorial-contract migration on a database with content', (testDb) => {
  let store: Store;
  before(async () => {
    store = await openStore(testDb.target);
  });
  after(() => store.close());

  it('widens the article states without losing a row, a link or the id sequence', async () => {
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrationsFor(store.kind) } });
    const { error } = await migrator.migrateTo('0012_feedback_and_resets');
    assert.ifError(error);
    const now = new Date().toISOString();
    await sql`insert into editions (slug, name, time_zone, locale, tz_abbreviation) values ('g', 'G', 'UTC', 'en', 'UTC')`.execute(store.db);
    await sql`insert into sectors (slug, name) values ('s', 'S')`.execute(store.db);
    await sql`insert into users (email, display_name, role, created_at) values ('e@example.org', 'E', 'editor', ${now})`.execute(store.db);
    for (const [slug, status] of [
      ['a', 'published'],
      ['b', 'draft'],
      ['c', 'published'],
    ] as const) {
      await sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at, published_at)
        values (${slug}, 'news', ${status}, ${slug.toUpperCase()}, 1, ${now}, ${now}, ${status === 'published' ? now : null})`.execute(store.db);
    }
    await sql`delete from articles where slug = 'c'`.execute(store.db);
    await sql`insert into article_sectors (article_id, sector_id, position, listed_at) values (1, 1, 0, ${now}), (2, 1, 0, null)`.execute(store.db);
    await sql`insert into article_sources (article_id, agency, item_id, item_version, position) values (1, 'Agency', 'X-1', 1, 0)`.execute(store.db);
    await sql`insert into article_revisions (article_id, article_version, created_at, user_id, actor, summary, snapshot) values (2, 2, ${now}, 1, 'e@example.org', 'Changed headline, body', '{}')`.execute(
      store.db,
    );

    assert.deepEqual(await migrateToLatest(store), [
      '0013_editorial_contract',
      '0014_authors',
      '0015_front_pins',
      '0016_wire_terms',
      '0017_dedupe_labels',
      '0018_shared_read_counting',
      '0019_wire_band_days',
      '0020_daily_views',
      '0021_sitemap_index',
      '0022_search_scale',
      '0023_daily_views_by_day',
      '0024_inbox_triage',
      '0025_editor_tools',
      '0026_search_pending_list',
    ]);
    const rows = await store.db.selectFrom('articles').select(['id', 'status', 'human_edited', 'published_via']).orderBy('id').execute();
    assert.deepEqual(rows, [
      { id: 1, status: 'published', human_edited: 0, published_via: 'auto' },
      { id: 2, status: 'draft', human_edited: 1, published_via: null },
    ]);
    assert.equal((await store.db.selectFrom('article_sectors').selectAll().execute()).length, 2);
    assert.equal((await store.db.selectFrom('article_sources').selectAll().execute()).length, 1);
    const next = await sql<{ id: number }>`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at)
      values ('d', 'news', 'held', 'D', 1, ${now}, ${now}) returning id`.execute(store.db);
    assert.equal(next.rows[0]!.id, 4, 'the id of the deleted article is not reused');
    await assert.rejects(
      sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at) values ('x', 'news', 'lost', 'X', 1, ${now}, ${now})`.execute(
        store.db,
      ),
    );
    // Deleting still cascades to the links (the foreign keys came back on).
    await sql`delete from articles where id = 1`.execute(store.db);
    assert.equal((await store.db.selectFrom('article_sectors').selectAll().execute()).length, 1);
  });
});

describeEachDatabase('the search-scale migration on a database with content', (testDb) => {
  let store: Store;
  before(async () => {
    store = await openStore(testDb.target);
  });
  after(() => store.close());

  it('tags the stories already indexed, so filtered searches find them', async () => {
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrationsFor(store.kind) } });
    assert.ifError((await migrator.migrateTo('0021_sitemap_index')).error);
    const now = new Date().toISOString();
    await sql`insert into editions (slug, name, time_zone, locale, tz_abbreviation) values ('g', 'G', 'UTC', 'en', 'UTC')`.execute(store.db);
    await sql`insert into sectors (slug, name) values ('s', 'S'), ('t', 'T')`.execute(store.db);
    await sql`insert into countries (code, slug, name, official_name) values ('NP', 'nepal', 'Nepal', 'Nepal'), ('IN', 'india', 'India', 'India')`.execute(
      store.db,
    );
    for (const [slug, status] of [
      ['a', 'published'],
      ['b', 'draft'],
    ] as const) {
      const published = status === 'published' ? now : null;
      const { rows } = await sql<{ id: number }>`insert into articles (slug, kind, status, headline, body, edition_id, created_at, updated_at, published_at)
        values (${slug}, 'opinion', ${status}, 'Harbour reopens', '<p>The harbour reopened.</p>', 1, ${now}, ${now}, ${published}) returning id`.execute(
        store.db,
      );
      const id = Number(rows[0]!.id);
      await sql`insert into article_sectors (article_id, sector_id, position, listed_at) values (${id}, 1, 0, ${published})`.execute(store.db);
      await sql`insert into article_countries (article_id, country_code, position, listed_at) values (${id}, 'NP', 0, ${published})`.execute(store.db);
      await (
        store.kind === 'sqlite'
          ? sql`insert into article_search (rowid, headline, standfirst, body) values (${id}, 'Harbour reopens', '', 'The harbour reopened.')`
          : sql`insert into article_search (article_id, headline, standfirst, body) values (${id}, 'Harbour reopens', '', 'The harbour reopened.')`
      ).execute(store.db);
    }
    assert.deepEqual(await migrateToLatest(store), [
      '0022_search_scale',
      '0023_daily_views_by_day',
      '0024_inbox_triage',
      '0025_editor_tools',
      '0026_search_pending_list',
    ]);
    const found = async (filters: SearchFilters) => (await searchArticles(store.db, 'harbour', filters)).hits.map((h) => h.article.slug);
    assert.deepEqual(await found({}), ['a']);
    assert.deepEqual(await found({ country: 'NP', sector: 's', edition: 'g', kind: 'opinion' }), ['a']);
    assert.deepEqual(await found({ country: 'IN' }), []);
    assert.deepEqual(await found({ sector: 't' }), []);
    assert.deepEqual(await found({ kind: 'news' }), []);
  });
});

describeEachDatabase('the inbox-triage migration on a database with agency copy', (testDb) => {
  let store: Store;
  before(async () => {
    store = await openStore(testDb.target);
  });
  after(() => store.close());

  it("reads each stored item's urgency from its payload, and can be undone", async () => {
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrationsFor(store.kind) } });
    assert.ifError((await migrator.migrateTo('0023_daily_views_by_day')).error);
    const now = new Date().toISOString();
    for (const [itemId, urgency] of [
      ['a', 2],
      ['b', null],
    ] as const) {
      await sql`insert into wire_items (agency, item_id, version, version_time, status, headline, payload, received_at)
        values ('Agency', ${itemId}, 1, ${now}, 'usable', 'Headline', ${JSON.stringify({ itemId, urgency })}, ${now})`.execute(store.db);
    }
    assert.deepEqual(await migrateToLatest(store), ['0024_inbox_triage', '0025_editor_tools', '0026_search_pending_list']);
    const rows = await store.db.selectFrom('wire_items').select(['item_id', 'urgency']).orderBy('item_id').execute();
    assert.deepEqual(
      rows.map((r) => [r.item_id, r.urgency]),
      [
        ['a', 2],
        ['b', null],
      ],
    );
    assert.ifError((await migrator.migrateTo('0023_daily_views_by_day')).error);
    assert.equal(
      (await store.db.introspection.getTables()).some((t) => t.name === 'inbox_assignments'),
      false,
    );
  });
});
