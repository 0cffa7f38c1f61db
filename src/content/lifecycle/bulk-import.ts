import type { DB } from '../../db/connect.js';
import { insertImportedStories, type ImportedStory } from '../article-store.js';
import { sanitizeBody, textOf } from '../html.js';

export type { ImportedStory };

/**
 * Brings in stories already published elsewhere, whole and with their ids, in one go (call it
 * inside a transaction; ids must be free). Bodies are sanitised unless the caller made them
 * itself from escaped text (`bodiesAreSafe`, the demo archive). No publication events or
 * notifications: nothing new went out, and a bulk load runs with the site's caches cold.
 */
export async function importPublishedStories(trx: DB, stories: readonly ImportedStory[], options: { bodiesAreSafe?: boolean } = {}): Promise<void> {
  const checked = options.bodiesAreSafe ? stories : stories.map((s) => ({ ...s, body: sanitizeBody(s.body), text: s.text || textOf(s.body) }));
  await insertImportedStories(trx, checked);
}
