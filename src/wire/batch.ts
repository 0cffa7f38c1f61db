import { changeContent } from '../content/events.js';
import { announceWireArrival } from './arrivals.js';
import { nowIso } from '../content/time.js';
import { inSavepoint, type DB } from '../db/connect.js';
import { defaultDedupeRules, sameEvent } from './dedupe.js';
import {
  analyseItem,
  duplicateOnRecord,
  ingestWireItem,
  mayNeedPicture,
  PictureWanted,
  pictureFor,
  storeWireItem,
  type IngestItemOptions,
  type IngestOutcome,
  type PreparedItem,
} from './ingest.js';
import type { WireItem } from './item.js';
import { sectorModelFor } from './tagging.js';
import { termStats } from './term-stats.js';

/**
 * Ingest in batches: the items of a document are taken a chunk at a time in one transaction,
 * each under its own savepoint, so one bad item is undone alone and the rest go on, and the
 * per-transaction costs (the commit, SQLite's full-text index flush, PostgreSQL's round trips
 * to begin and end) are paid once per chunk rather than once per item. What the desk decides
 * for each item is exactly what `ingestWireItem` decides: both call `storeWireItem`.
 *
 * The chunk is bounded so that the write lock is held for a fraction of a second: a server
 * beside a large ingest still gets its writes in between.
 */
export const BATCH_ITEMS = 200;

/** What became of one item: its outcome, or why it could not be taken. */
export type ItemResult = { item: WireItem; outcome: IngestOutcome } | { item: WireItem; error: Error };

export async function ingestWireItems(db: DB, items: readonly WireItem[], options: IngestItemOptions, onResult: (result: ItemResult) => void): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_ITEMS) {
    const chunk = items.slice(start, start + BATCH_ITEMS);
    const now = options.now ?? nowIso();
    const prepared = await prepareChunk(db, chunk, options);
    // Items from..end in one transaction; an item that turns out to become a new story without
    // the picture made for it beforehand (PictureWanted) ends the transaction before it: what
    // came before is committed, its picture is made, and the next transaction starts with it.
    for (let from = 0; from < chunk.length;) {
      let results: ItemResult[];
      let next = chunk.length;
      try {
        results = await changeContent(db, async (trx) => {
          const out: ItemResult[] = [];
          for (let i = from; i < chunk.length; i++) {
            const [item, p] = [chunk[i]!, prepared[i]];
            if (!p) {
              out.push({ item, outcome: 'ignored' });
              continue;
            }
            try {
              out.push({ item, outcome: await inSavepoint(trx, () => storeWireItem(trx, p, { ...options, now })) });
            } catch (error) {
              if (error instanceof PictureWanted && options.heroFor) {
                next = i;
                break;
              }
              out.push({ item, error: error as Error });
            }
          }
          return out;
        });
      } catch {
        // The transaction as a whole failed (its commit, a lost connection): nothing of it was
        // kept. Each item again in its own transaction, so what can be taken is.
        results = [];
        next = chunk.length;
        for (const item of chunk.slice(from)) {
          try {
            results.push({ item, outcome: await ingestWireItem(db, item, { ...options, now }) });
          } catch (error) {
            results.push({ item, error: error as Error });
          }
        }
      }
      if (results.some((r) => 'outcome' in r && r.outcome !== 'ignored')) announceWireArrival();
      results.forEach(onResult);
      if (next < chunk.length) await pictureFor(prepared[next]!, options.heroFor!);
      from = next;
    }
  }
}

/**
 * The analysis of each item not yet on record (null for versions already stored), and the
 * picture of each that is expected to become a new story. Pictures are made here, outside the
 * transaction, since fetching or drawing one may take seconds; an item expected to duplicate an
 * earlier one of the same chunk gets none, as it would had that one been stored first. The
 * expectation is a guess (the terms counted in the transaction may change a close call): an
 * item that becomes a new story all the same gets its picture then (PictureWanted).
 */
async function prepareChunk(db: DB, chunk: readonly WireItem[], options: IngestItemOptions): Promise<(PreparedItem | null)[]> {
  const sectorModel = options.sectorModel ?? (await sectorModelFor(db));
  const known = await latestVersions(db, chunk);
  const rules = options.dedupe ?? defaultDedupeRules;
  const newStories: PreparedItem[] = [];
  const out: (PreparedItem | null)[] = [];
  for (const item of chunk) {
    const stored = known.get(keyOf(item));
    if (stored !== undefined && item.version <= stored) {
      out.push(null);
      continue;
    }
    const prepared: PreparedItem = { item, analysis: analyseItem(item, sectorModel), heroMediaId: null, pictured: false };
    out.push(prepared);
    if (!options.heroFor || !mayNeedPicture(item, stored === undefined ? undefined : { version: stored })) continue;
    if (await duplicateOnRecord(db, item, prepared.analysis, options)) continue;
    const stats = await termStats(db, [prepared.analysis.fingerprint.profile]);
    const t = Date.parse(item.versionTime);
    const duplicatesEarlier = newStories.some((earlier) => {
      const hours = (t - Date.parse(earlier.item.versionTime)) / 3600_000;
      if (Math.abs(hours) > rules.windowHours || !earlier.analysis.bandKeys.some((k) => prepared.analysis.bandKeys.includes(k))) return false;
      const sameAgency = earlier.item.agency === item.agency;
      if (sameAgency && earlier.item.itemId === item.itemId) return true;
      return sameEvent(prepared.analysis.fingerprint, earlier.analysis.fingerprint, stats, hours, rules, sameAgency).duplicate;
    });
    if (duplicatesEarlier) continue;
    newStories.push(prepared);
    await pictureFor(prepared, options.heroFor);
  }
  return out;
}

const keyOf = (item: Pick<WireItem, 'agency' | 'itemId'>) => `${item.agency}\u0000${item.itemId}`;

/** The latest stored version of each of the items, in one query. */
async function latestVersions(db: DB, items: readonly WireItem[]): Promise<Map<string, number>> {
  const agencies = [...new Set(items.map((i) => i.agency))];
  const ids = [...new Set(items.map((i) => i.itemId))];
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('wire_items')
    .select(['agency', 'item_id', (eb) => eb.fn.max('version').as('version')])
    .where('agency', 'in', agencies)
    .where('item_id', 'in', ids)
    .groupBy(['agency', 'item_id'])
    .execute();
  for (const r of rows) out.set(keyOf({ agency: r.agency, itemId: r.item_id }), Number(r.version));
  return out;
}
