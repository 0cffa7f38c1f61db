import type { Kysely } from 'kysely';
import { columnTypes, type MigrationFactory } from './types.js';

/**
 * What the wire desk works out for each item (tags, summaries, its fingerprint for duplicate
 * detection, why it was held back) and the LSH band index that finds near-duplicates; sectors
 * get editable keyword lists.
 */
export const wireDesk: MigrationFactory = (kind) => {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>) {
      const add = (column: string, type: 'text' | 'integer', build: (c: any) => any = (c) => c) =>
        db.schema.alterTable('wire_items').addColumn(column, type, build).execute();
      await add('role', 'text', (c) =>
        c
          .notNull()
          .defaultTo('primary')
          .check(t.oneOf('role', ['primary', 'duplicate'])),
      );
      await add('fingerprint', 'text');
      await add('countries', 'text', (c) => c.notNull().defaultTo('[]'));
      await add('sectors', 'text', (c) => c.notNull().defaultTo('[]'));
      await add('summary', 'text', (c) => c.notNull().defaultTo(''));
      await add('shot_text', 'text', (c) => c.notNull().defaultTo(''));
      await add('held_reason', 'text');
      await add('discarded', 'integer', (c) => c.notNull().defaultTo(0));
      await db.schema
        .createTable('wire_item_bands')
        .addColumn('band_key', 'bigint', (c) => c.notNull())
        .addColumn('wire_item_id', 'integer', (c) => c.notNull().references('wire_items.id'))
        .addColumn('version_time', t.time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wire_item_bands_lookup').on('wire_item_bands').columns(['band_key', 'version_time']).execute();
      await db.schema
        .alterTable('sectors')
        .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('sectors').dropColumn('keywords').execute();
      await db.schema.dropTable('wire_item_bands').execute();
      for (const column of ['discarded', 'held_reason', 'shot_text', 'summary', 'sectors', 'countries', 'fingerprint', 'role'])
        await db.schema.alterTable('wire_items').dropColumn(column).execute();
    },
  };
};
