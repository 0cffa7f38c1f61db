import type { Kysely } from 'kysely';
import type { MigrationFactory } from './types.js';

/**
 * Document frequencies for duplicate detection (wire/term-stats.ts): how many stored agency
 * items use each term, so rare words weigh more than common ones. The row with the empty term
 * counts the items. The band index also covers the item id, so finding candidates reads the
 * index alone. A merged report keeps why it was merged (the score and what the two share).
 */
export const wireTerms: MigrationFactory = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('wire_terms')
      .addColumn('term', 'text', (c) => c.primaryKey())
      .addColumn('documents', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('wire_items').addColumn('merge_reason', 'text').execute();
    await db.schema.createIndex('wire_item_bands_covering').on('wire_item_bands').columns(['band_key', 'version_time', 'wire_item_id']).execute();
    await db.schema.dropIndex('wire_item_bands_lookup').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.createIndex('wire_item_bands_lookup').on('wire_item_bands').columns(['band_key', 'version_time']).execute();
    await db.schema.dropIndex('wire_item_bands_covering').execute();
    await db.schema.alterTable('wire_items').dropColumn('merge_reason').execute();
    await db.schema.dropTable('wire_terms').execute();
  },
});
