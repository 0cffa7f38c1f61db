import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * The desk's corrections of duplicate detection (wire/desk-merges.ts): each split of a merged
 * report and each merge of two stories records the pair, what the desk said (one event or
 * two), and the scorer's features for the pair at that moment, so `npm run fit:dedupe` can
 * train on the newsroom's own decisions.
 */
export const dedupeLabels: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('dedupe_labels')
        .addColumn('id', 'integer', t.id)
        .addColumn('a_wire_item_id', 'integer', (c) => c.notNull().references('wire_items.id').onDelete('cascade'))
        .addColumn('b_wire_item_id', 'integer', (c) => c.notNull().references('wire_items.id').onDelete('cascade'))
        .addColumn('same_event', 'integer', (c) => c.notNull())
        .addColumn('features', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('decided_at', t.time, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('dedupe_labels').execute();
    },
  };
};
