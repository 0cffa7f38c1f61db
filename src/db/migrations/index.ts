import type { Migration } from 'kysely';
import type { DatabaseKind } from '../connect.js';
import { initial } from './0001_initial.js';
import { viewsAndSearch } from './0002_views_and_search.js';
import { newsroom } from './0003_newsroom.js';
import { corrections } from './0004_corrections.js';
import { wireItems } from './0005_wire_items.js';
import { wireSources } from './0006_wire_sources.js';
import { sourcePolling } from './0007_source_polling.js';
import { wireDesk } from './0008_wire_desk.js';
import { webhooks } from './0009_webhooks.js';
import { newsletter } from './0011_newsletter.js';
import { feedbackAndResets } from './0012_feedback_and_resets.js';
import { editorialContract } from './0013_editorial_contract.js';
import { authors } from './0014_authors.js';
import { frontPins } from './0015_front_pins.js';
import { wireTerms } from './0016_wire_terms.js';
import { dedupeLabels } from './0017_dedupe_labels.js';
import { sharedReadCounting } from './0018_shared_read_counting.js';
import { wireBandDays } from './0019_wire_band_days.js';
import { dailyViews } from './0020_daily_views.js';
import { sitemapIndex } from './0021_sitemap_index.js';
import { searchScale } from './0022_search_scale.js';
import { dailyViewsByDay } from './0023_daily_views_by_day.js';
import { inboxTriage } from './0024_inbox_triage.js';
import { editorTools } from './0025_editor_tools.js';
import { searchPendingList } from './0026_search_pending_list.js';
import type { MigrationFactory } from './types.js';

/** Every migration, in order. Names sort; never rename or edit one that has shipped. */
const migrations: Record<string, MigrationFactory> = {
  '0001_initial': initial,
  '0002_views_and_search': viewsAndSearch,
  '0003_newsroom': newsroom,
  '0004_corrections': corrections,
  '0005_wire_items': wireItems,
  '0006_wire_sources': wireSources,
  '0007_source_polling': sourcePolling,
  '0008_wire_desk': wireDesk,
  '0009_webhooks': webhooks,
  '0011_newsletter': newsletter,
  '0012_feedback_and_resets': feedbackAndResets,
  '0013_editorial_contract': editorialContract,
  '0014_authors': authors,
  '0015_front_pins': frontPins,
  '0016_wire_terms': wireTerms,
  '0017_dedupe_labels': dedupeLabels,
  '0018_shared_read_counting': sharedReadCounting,
  '0019_wire_band_days': wireBandDays,
  '0020_daily_views': dailyViews,
  '0021_sitemap_index': sitemapIndex,
  '0022_search_scale': searchScale,
  '0023_daily_views_by_day': dailyViewsByDay,
  '0024_inbox_triage': inboxTriage,
  '0025_editor_tools': editorTools,
  '0026_search_pending_list': searchPendingList,
};

export function migrationsFor(kind: DatabaseKind): Record<string, Migration> {
  return Object.fromEntries(Object.entries(migrations).map(([name, make]) => [name, make(kind)]));
}

export const latestMigration = Object.keys(migrations).sort().at(-1)!;
