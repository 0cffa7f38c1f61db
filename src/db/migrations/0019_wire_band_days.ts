import { sql, type Kysely } from 'kysely';
import type { MigrationFactory } from './types.js';

/**
 * The duplicate index (wire_item_bands) led by the day of the item's time. Keyed by the band
 * hash alone, every new item's ~50 keys landed on ~50 random pages of an index that grows with
 * the whole archive, so each batch rewrote thousands of pages. Led by the day, a new item's keys
 * go into the region of its own day, which stays small and cached however large the archive
 * grows; the lookup asks for the five days around the item's time (the ±48 h window) and each
 * of its keys within them.
 *
 * Also drops wire_items_item, which repeated the unique (agency, item_id, version) index.
 */
export const wireBandDays: MigrationFactory = (kind) => ({
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('wire_item_bands')
      .addColumn('version_day', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    const day = kind === 'sqlite' ? sql`cast(julianday(version_time) - 2440587.5 as integer)` : sql`floor(extract(epoch from version_time) / 86400)::integer`;
    await sql`update wire_item_bands set version_day = ${day}`.execute(db);
    await db.schema.createIndex('wire_item_bands_by_day').on('wire_item_bands').columns(['version_day', 'band_key', 'version_time', 'wire_item_id']).execute();
    await db.schema.dropIndex('wire_item_bands_covering').execute();
    await db.schema.dropIndex('wire_items_item').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.createIndex('wire_items_item').on('wire_items').columns(['agency', 'item_id', 'version']).execute();
    await db.schema.createIndex('wire_item_bands_covering').on('wire_item_bands').columns(['band_key', 'version_time', 'wire_item_id']).execute();
    await db.schema.dropIndex('wire_item_bands_by_day').execute();
    await db.schema.alterTable('wire_item_bands').dropColumn('version_day').execute();
  },
});
