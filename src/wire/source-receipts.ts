import type { ArticleSource } from '../content/articles.js';
import type { DB } from '../db/connect.js';

/** An agency report a story credits, with when the desk received that version (null when it
 *  was typed in by hand or came before the wire desk kept its items). */
export interface SourceReceipt extends ArticleSource {
  receivedAt: string | null;
}

export async function sourceReceipts(db: DB, sources: readonly ArticleSource[]): Promise<SourceReceipt[]> {
  if (sources.length === 0) return [];
  const rows = await db
    .selectFrom('wire_items')
    .select(['agency', 'item_id', 'version', 'received_at'])
    .where('item_id', 'in', [...new Set(sources.map((s) => s.itemId))])
    .execute();
  const received = new Map(rows.map((r) => [`${r.agency}\u0000${r.item_id}\u0000${r.version}`, r.received_at]));
  return sources.map((s) => ({ ...s, receivedAt: received.get(`${s.agency}\u0000${s.itemId}\u0000${s.version}`) ?? null }));
}
