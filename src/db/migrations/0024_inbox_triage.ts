import { sql, type Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * The inbox's triage (wire/triage.ts): each item's urgency (IPTC 1 most urgent … 9) as a
 * column, so the inbox can filter by it without reading payloads; filled from the payloads
 * already stored. And who a story is assigned to: one person per story, kept while the story
 * is (it goes with a discarded draft).
 */
export const inboxTriage: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('wire_items').addColumn('urgency', 'integer').execute();
      const fromPayload = kind === 'sqlite' ? sql`json_extract(payload, '$.urgency')` : sql`(payload::json ->> 'urgency')::integer`;
      await sql`update wire_items set urgency = ${fromPayload}`.execute(db);
      await db.schema
        .createTable('inbox_assignments')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('assigned_by', 'text', (c) => c.notNull())
        .addColumn('assigned_at', t.time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inbox_assignments_user').on('inbox_assignments').columns(['user_id', 'article_id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('inbox_assignments').execute();
      await db.schema.alterTable('wire_items').dropColumn('urgency').execute();
    },
  };
};
