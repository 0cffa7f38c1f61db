import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/db/connect.js';
import { currentMigration, migrateToLatest } from '../../src/db/migrate.js';
import { latestMigration } from '../../src/db/migrations/index.js';
import { describeEachDatabase } from '../helpers/databases.js';

const tables = [
  'article_authors', 'article_corrections', 'article_countries', 'article_revisions', 'article_search', 'article_sectors', 'article_sources', 'article_views', 'articles', 'audit_log',
  'countries', 'editions', 'feedback', 'media', 'newsletter_issues', 'newsletter_sends', 'newsletter_subscriber_editions', 'newsletter_subscribers', 'pages', 'password_resets', 'publication_events', 'rate_limits', 'sectors', 'sessions', 'settings', 'sign_in_failures', 'users',
  'webhook_deliveries', 'webhook_subscriptions', 'wire_item_bands', 'wire_items', 'wire_sources',
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
      sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at) values ('x', 'gossip', 'draft', 'X', 1, ${now}, ${now})`.execute(store.db),
    );
    await assert.rejects(
      sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at) values ('x', 'news', 'lost', 'X', 1, ${now}, ${now})`.execute(store.db),
    );
    await sql`insert into articles (slug, kind, status, headline, edition_id, created_at, updated_at) values ('x', 'news', 'draft', 'X', 1, ${now}, ${now})`.execute(store.db);
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
