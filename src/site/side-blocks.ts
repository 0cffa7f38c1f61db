import { trendingArticles } from '../audience/reads.js';
import { listArticles, type ArticleSummary } from '../content/articles.js';
import { emitContentChange, onContentChanged } from '../content/events.js';
import { articleKey, SITE_KEY, sideKey } from '../content/surrogate-keys.js';
import type { Edition } from '../content/taxonomy.js';
import type { DB } from '../db/connect.js';

/*
 * The lists many pages show beside their own stories: Trending (moved by reads, not by
 * publications), and the newest opinion, shots and news. They refresh on their own cadence, per
 * edition; when a refresh shows something else, the pages showing them (tagged sideKey) are
 * dropped. A publication does not drop every article page at once: it appears in the side blocks
 * at the next refresh. A change to a story they show refreshes them at once (a story taken down
 * leaves them with its page).
 */

export interface SideLists {
  /** The edition's most-read stories now (topped up from the whole site), enough for the Trending page. */
  trending: ArticleSummary[];
  opinion: ArticleSummary[];
  shots: ArticleSummary[];
  latest: ArticleSummary[];
}

/** The Trending page's length; the side block takes the first few that are not the page's own story. */
export const TRENDING_LIST = 20;

export interface SideBlockOptions {
  halfLifeHours: number;
  /** How often the lists of the editions in use are read again. */
  refreshMs?: number;
  /** An edition not shown for this long is no longer refreshed. */
  idleMs?: number;
  now?: () => number;
}

interface EditionLists {
  edition: Edition;
  lists: Promise<SideLists>;
  fingerprint: string | null;
  ids: Set<number>;
  usedAt: number;
  refreshing: boolean;
  /** A change arrived while a refresh was reading: read once more after it. */
  again: boolean;
}

export type SideBlockSource = ReturnType<typeof sideBlockSource>;

export function sideBlockSource(db: DB, options: SideBlockOptions) {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? 30_000;
  const idleMs = options.idleMs ?? 10 * 60_000;
  const byEdition = new Map<number, EditionLists>();

  async function load(edition: Edition): Promise<SideLists> {
    const [trending, opinion, shots, latest] = await Promise.all([
      trendingArticles(db, { editionId: edition.isDefault ? undefined : edition.id, limit: TRENDING_LIST + 1, halfLifeHours: options.halfLifeHours }),
      listArticles(db, { kind: ['opinion', 'blog', 'interview'], limit: 6 }),
      listArticles(db, { kind: 'shot', limit: 5 }),
      listArticles(db, { kind: 'news', limit: 6 }),
    ]);
    return { trending, opinion: opinion.items, shots: shots.items, latest: latest.items };
  }

  /** What the pages show of the lists: the stories, in order, and their text. */
  const fingerprintOf = (lists: SideLists) =>
    [lists.trending, lists.opinion, lists.shots, lists.latest].map((l) => l.map((a) => `${a.id}.${a.version}`).join(',')).join('|');
  const idsOf = (lists: SideLists) => new Set([lists.trending, lists.opinion, lists.shots, lists.latest].flatMap((l) => l.map((a) => a.id)));

  function start(edition: Edition): EditionLists {
    const entry: EditionLists = { edition, lists: load(edition), fingerprint: null, ids: new Set(), usedAt: now(), refreshing: false, again: false };
    entry.lists.then(
      (lists) => {
        entry.fingerprint = fingerprintOf(lists);
        entry.ids = idsOf(lists);
      },
      () => byEdition.delete(edition.id),
    );
    byEdition.set(edition.id, entry);
    return entry;
  }

  /** Reads an edition's lists again; when they differ, the pages that show them are dropped. */
  async function refresh(entry: EditionLists): Promise<void> {
    if (entry.refreshing) {
      entry.again = true;
      return;
    }
    entry.refreshing = true;
    entry.again = false;
    try {
      const lists = await load(entry.edition);
      const fingerprint = fingerprintOf(lists);
      if (fingerprint === entry.fingerprint) return;
      entry.lists = Promise.resolve(lists);
      entry.fingerprint = fingerprint;
      entry.ids = idsOf(lists);
      emitContentChange([sideKey(entry.edition.id)], 'derived');
    } catch {
      // Kept as they were; the next refresh tries again.
    } finally {
      entry.refreshing = false;
      if (entry.again) void refresh(entry);
    }
  }

  async function refreshAll(): Promise<void> {
    const cutoff = now() - idleMs;
    await Promise.all(
      [...byEdition.values()].map((entry) => {
        if (entry.usedAt < cutoff) {
          byEdition.delete(entry.edition.id);
          return undefined;
        }
        return refresh(entry);
      }),
    );
  }

  const timer = setInterval(() => void refreshAll(), refreshMs);
  timer.unref();
  const stopListening = onContentChanged((change) => {
    if (change.origin === 'derived' && !change.keys.has(SITE_KEY)) return;
    for (const entry of byEdition.values()) {
      if (change.keys.has(SITE_KEY) || [...entry.ids].some((id) => change.keys.has(articleKey(id)))) void refresh(entry);
    }
  });

  return {
    /** The edition's lists (read now if they were not being kept). */
    get(edition: Edition): Promise<SideLists> {
      const entry = byEdition.get(edition.id) ?? start(edition);
      entry.usedAt = now();
      return entry.lists;
    },
    /** Refreshes every edition in use now (tests, and the timer). */
    refreshAll,
    dispose() {
      clearInterval(timer);
      stopListening();
    },
  };
}
