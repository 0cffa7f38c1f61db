import { sql, type Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * The editorial contract: two more article states (held by an agency's legal hold, killed by
 * its cancellation), the facts the lifecycle guards and the disclosure are derived from, the
 * agency's editorial note and embargo on each wire version, the desk's notifications, sources
 * that can be disabled, and a record of every drop-folder file.
 */
export const articleStatesV2 = ['draft', 'review', 'scheduled', 'published', 'held', 'unpublished', 'killed'] as const;

export const editorialContract: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await widenStatusCheck(db, kind, articleStatesV2);
      const article = (column: string, type: 'text' | 'integer', build: (c: any) => any = (c) => c) =>
        db.schema.alterTable('articles').addColumn(column, type, build).execute();
      // The latest agency embargo over the story's copy: no publication before it.
      await article('embargo_until', t.time as 'text');
      // Set while the latest version of some agency copy in the story is withheld: why, in the agency's words.
      await article('agency_hold', 'text');
      // A person changed the headline, standfirst or body (derived when they save, never ticked).
      await article('human_edited', 'integer', (c) => c.notNull().defaultTo(0));
      // Who sent it out: the desk, or an auto-publish rule with no person involved.
      await article('published_via', 'text', (c) => c.check(t.oneOf('published_via', ['desk', 'auto'])));
      // A Shot made from a story: holds and kills of the story reach it too.
      await article('derived_from', 'integer', (c) => c.references('articles.id').onDelete('set null'));
      // Why the story is held, killed or taken down, for the desk.
      await article('status_reason', 'text', (c) => c.notNull().defaultTo(''));
      await db.schema.createIndex('articles_embargo').on('articles').column('embargo_until').execute();
      await db.schema.createIndex('articles_derived').on('articles').column('derived_from').execute();

      // Facts for stories that existed before: edited when a person's revision changed the text;
      // auto-published when it went out from agency copy that nobody reviewed.
      await sql`update articles set human_edited = 1 where ai_involvement = 'assisted' or exists (
        select 1 from article_revisions r where r.article_id = articles.id and r.user_id is not null
          and (r.summary like '%headline%' or r.summary like '%standfirst%' or r.summary like '%body%'))`.execute(db);
      await sql`update articles set published_via = case
        when human_reviewed = 0 and ai_involvement = 'none' and exists (select 1 from article_sources s where s.article_id = articles.id) then 'auto'
        else 'desk' end where published_at is not null`.execute(db);

      const wire = (column: string, type: 'text' | 'integer', build: (c: any) => any = (c) => c) =>
        db.schema.alterTable('wire_items').addColumn(column, type, build).execute();
      await wire('ednote', 'text', (c) => c.notNull().defaultTo(''));
      await wire('embargo', t.time as 'text');
      // For a newer version of the story's main item: its text went in ('applied'), waits for the
      // desk because people edited the story ('pending'), or the desk kept its own ('declined').
      await wire('text_state', 'text', (c) => c.check(t.oneOf('text_state', ['applied', 'pending', 'declined'])));
      await db.schema.createIndex('wire_items_item').on('wire_items').columns(['agency', 'item_id', 'version']).execute();

      await db.schema
        .alterTable('wire_sources')
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createTable('wire_source_files')
        .addColumn('id', 'integer', t.id)
        .addColumn('source_id', 'integer', (c) => c.notNull().references('wire_sources.id').onDelete('cascade'))
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('processed_at', t.time, (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull().check(t.oneOf('outcome', ['processed', 'failed'])))
        // JSON: new, updated, merged, ignored, withheld, canceled, rejected.
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('problems', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('wire_source_files_source').on('wire_source_files').columns(['source_id', 'id']).execute();

      await db.schema
        .alterTable('users')
        .addColumn('notify_by_email', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'integer', t.id)
        .addColumn('kind', 'text', (c) => c.notNull())
        // Who is told: the users whose role has this permission.
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('link', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.time, (c) => c.notNull())
        // The same happening is told once (e.g. "embargo:12:2026-11-03T14:00:00.000Z").
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .addColumn('emailed_at', t.time)
        .execute();
      await db.schema.createIndex('notifications_created').on('notifications').column('id').execute();
      await db.schema.createIndex('notifications_unmailed').on('notifications').column('emailed_at').execute();
      await db.schema
        .createTable('notification_reads')
        .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('read_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('notification_reads').execute();
      await db.schema.dropTable('notifications').execute();
      await db.schema.alterTable('users').dropColumn('notify_by_email').execute();
      await db.schema.dropTable('wire_source_files').execute();
      await db.schema.alterTable('wire_sources').dropColumn('enabled').execute();
      await db.schema.dropIndex('wire_items_item').execute();
      for (const column of ['text_state', 'embargo', 'ednote']) await db.schema.alterTable('wire_items').dropColumn(column).execute();
      await db.schema.dropIndex('articles_derived').execute();
      await db.schema.dropIndex('articles_embargo').execute();
      for (const column of ['status_reason', 'derived_from', 'published_via', 'human_edited', 'agency_hold', 'embargo_until'])
        await db.schema.alterTable('articles').dropColumn(column).execute();
    },
  };
};

/**
 * Lets `articles.status` take more values. PostgreSQL replaces the CHECK constraint. SQLite
 * cannot alter a constraint, so the table is rebuilt as its documented procedure says: foreign
 * keys off (outside any transaction, as SQLite requires; migrations run outside one on SQLite),
 * copy into a new table, drop, rename, recreate the indexes, check the keys, in one transaction.
 */
async function widenStatusCheck(db: Kysely<any>, kind: 'sqlite' | 'postgres', statuses: readonly string[]): Promise<void> {
  const list = statuses.map((s) => `'${s}'`).join(', ');
  if (kind === 'postgres') {
    const { rows } = await sql<{ conname: string }>`select conname from pg_constraint
      where conrelid = 'articles'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%status%'`.execute(db);
    for (const { conname } of rows) await sql`alter table articles drop constraint ${sql.id(conname)}`.execute(db);
    await sql.raw(`alter table articles add constraint articles_status_check check (status in (${list}))`).execute(db);
    return;
  }
  const { rows: tables } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'articles'`.execute(db);
  const { rows: indexes } = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = 'articles' and sql is not null`.execute(db);
  const create = tables[0]!.sql
    .replace(/^create table\s+"?articles"?/i, 'create table "articles_rebuilt"')
    .replace(/"status" in \([^)]*\)/i, `"status" in (${list})`);
  if (!create.includes(`(${list})`)) throw new Error('articles: the status constraint was not found');
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(create).execute(trx);
      // AUTOINCREMENT's high-water mark goes with the dropped table: carry it over, so the id
      // of a deleted article is never given to a new one.
      const { rows: sequence } = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'articles'`.execute(trx);
      await sql`insert into articles_rebuilt select * from articles`.execute(trx);
      await sql`drop table articles`.execute(trx);
      await sql`alter table articles_rebuilt rename to articles`.execute(trx);
      if (sequence[0]) {
        const { rows: now } = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'articles'`.execute(trx);
        const seq = Math.max(sequence[0].seq, now[0]?.seq ?? 0);
        await sql`delete from sqlite_sequence where name = 'articles'`.execute(trx);
        await sql`insert into sqlite_sequence (name, seq) values ('articles', ${seq})`.execute(trx);
      }
      for (const index of indexes) await sql.raw(index.sql).execute(trx);
      const { rows: broken } = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.length) throw new Error(`articles: ${broken.length} broken foreign keys after the rebuild`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
