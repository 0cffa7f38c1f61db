import type { DB } from '../db/connect.js';
import { onWireArrival } from '../wire/arrivals.js';
import { arrivalsSince, newestItemId } from '../wire/triage.js';
import { liveSessionTokens } from './sessions.js';

/**
 * New inbox arrivals for the pages that are open, one watcher per process for all of them:
 * each open page's stream subscribes with the newest item it showed and is told how many
 * stories have new copy since. This process's ingest says when it stored something
 * (wire/arrivals.ts); on each tick (every `pollMs`) the newest item's id is read once for all
 * streams (one index lookup), which finds what other processes stored on the same database,
 * and counted once per distinct starting point only when it moved. Each tick also checks, in
 * one query, that every stream's session is still live (not signed out, expired or its account
 * disabled) and ends the streams whose session is not. Nothing runs while no page is open.
 */

export interface ArrivalStream {
  /** The newest item the page showed. */
  sinceId: number;
  /** The session cookie's token: the stream ends once it no longer signs anyone in. */
  sessionToken: string;
  tell(count: number): void;
  /** Ends the stream (its unsubscribe is called by the watcher). */
  end(): void;
}

export interface ArrivalWatcher {
  /** Watches for this stream (told the count whenever it changes); returns the unsubscribe. */
  subscribe(stream: ArrivalStream): () => void;
  /** Looks for new copy now (the ingest signal calls this). */
  check(): Promise<void>;
  /** One tick of the timer: new copy, then the sessions. */
  tick(): Promise<void>;
  /** Resolves once no look is running (and none follows), for tests. */
  settled(): Promise<void>;
  /** How many streams are open. */
  readonly open: number;
  stop(): void;
}

export interface ArrivalOptions {
  pollMs?: number;
  /** The timer, for tests. */
  every?: (ms: number, fn: () => void) => () => void;
  /** The clock sessions are checked against, for tests. */
  now?: () => number;
}

const realTimer = (ms: number, fn: () => void) => {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
};

interface Subscriber {
  stream: ArrivalStream;
  told: number;
  /** Not counted yet: the next look counts it even if no new copy came. */
  fresh: boolean;
}

export function watchArrivals(db: DB, options: ArrivalOptions = {}): ArrivalWatcher {
  const subscribers = new Map<symbol, Subscriber>();
  let newest = -1;
  let running: Promise<void> | null = null;
  let again = false;
  let stopTimer: (() => void) | null = null;
  let stopSignal: (() => void) | null = null;

  async function look(): Promise<void> {
    const current = await newestItemId(db);
    const moved = current !== newest;
    newest = current;
    // One count per starting point the open pages share, and only for those that need one.
    const due = new Map<number, Subscriber[]>();
    for (const s of subscribers.values()) {
      if (!moved && !s.fresh) continue;
      s.fresh = false;
      due.set(s.stream.sinceId, [...(due.get(s.stream.sinceId) ?? []), s]);
    }
    for (const [sinceId, group] of due) {
      const count = current > sinceId ? await arrivalsSince(db, sinceId) : 0;
      for (const s of group) {
        if (count !== s.told) {
          s.told = count;
          s.stream.tell(count);
        }
      }
    }
  }

  // One look at a time; a signal during a look asks for one more after it.
  function check(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = look()
      .catch(() => {
        newest = -1; // look again next time
        for (const s of subscribers.values()) s.fresh = true;
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void check();
        }
      });
    return running;
  }

  /** Ends the streams whose session no longer signs anyone in. */
  async function checkSessions(): Promise<void> {
    if (subscribers.size === 0) return;
    const open = [...subscribers.values()];
    let live: Set<string>;
    try {
      live = await liveSessionTokens(db, [...new Set(open.map((s) => s.stream.sessionToken))], (options.now ?? Date.now)());
    } catch {
      return; // the database is away: the next tick checks again
    }
    for (const s of open) if (!live.has(s.stream.sessionToken)) s.stream.end();
  }

  async function tick(): Promise<void> {
    await check();
    await checkSessions();
  }

  function stopWatching() {
    stopTimer?.();
    stopSignal?.();
    stopTimer = stopSignal = null;
  }

  return {
    subscribe(stream) {
      const key = Symbol('page');
      subscribers.set(key, { stream, told: 0, fresh: true });
      if (!stopTimer) {
        stopTimer = (options.every ?? realTimer)(options.pollMs ?? 3000, () => void tick());
        stopSignal = onWireArrival(() => void check());
      }
      void check();
      return () => {
        subscribers.delete(key);
        if (subscribers.size === 0) stopWatching();
      };
    },
    check,
    tick,
    async settled() {
      while (running) await running;
    },
    get open() {
      return subscribers.size;
    },
    stop() {
      subscribers.clear();
      stopWatching();
    },
  };
}
