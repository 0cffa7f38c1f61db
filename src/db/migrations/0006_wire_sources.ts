import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/** Where agency copy comes from: a URL to poll or a folder to watch, with defaults and a rule. */
export const wireSources: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('wire_sources')
        .addColumn('id', 'integer', t.id)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('poll_seconds', 'integer', (c) => c.notNull().defaultTo(300))
        .addColumn('folder', 'text')
        .addColumn('edition', 'text')
        .addColumn('sectors', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('rule', 'text', (c) =>
          c
            .notNull()
            .defaultTo('inbox')
            .check(t.oneOf('rule', ['inbox', 'auto-publish'])),
        )
        .addColumn('last_success_at', t.time)
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', t.time)
        .addColumn('items_total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('wire_sources').execute();
    },
  };
};
