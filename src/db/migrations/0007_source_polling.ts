import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/** What polling a source URL needs between runs: validators for conditional GET and back-off. */
export const sourcePolling: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('wire_sources').addColumn('etag', 'text').execute();
      await db.schema.alterTable('wire_sources').addColumn('last_modified', 'text').execute();
      await db.schema.alterTable('wire_sources').addColumn('next_poll_at', t.time).execute();
      await db.schema
        .alterTable('wire_sources')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const column of ['failures', 'next_poll_at', 'last_modified', 'etag']) await db.schema.alterTable('wire_sources').dropColumn(column).execute();
    },
  };
};
