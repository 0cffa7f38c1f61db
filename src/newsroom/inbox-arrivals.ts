import type { DB } from '../db/connect.js';
import { onWireArrival } from '../wire/arrivals.js';
import { arrivalsSince, newestItemId } from '../wire/triage.js';

/**
 * New inbox arrivals for the pages that are open: each open page subscribes with the newest
 * item it showed and is told how many stories have new copy since. This process's ingest says
 * when it stored something (wire/arrivals.ts); every `pollMs` the newest item's id is read too
 * (one index lookup), which finds what other processes stored on the same database. Nothing
 * runs while no page is open.
 */

export interface ArrivalWatcher {
  /** Calls `tell` with the count whenever it changes; returns the unsubscribe. */
  subscribe(sinceId: number, tell: (count: number) => void): () => void;
  /** Looks for new copy now (the timer and the ingest signal call this). */
  check(): Promise<void>;
  stop(): void;
}

export interface ArrivalOptions {
  pollMs?: number;
  /** The timer, for tests. */
  every?: (ms: number, fn: () => void) => () => void;
}

const realTimer = (ms: number, fn: () => void) => {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
};

export function watchArrivals(db: DB, options: ArrivalOptions = {}): ArrivalWatcher {
  const subscribers = new Map<symbol, { sinceId: number; tell: (count: number) => void; told: number }>();
  let newest = -1;
  let running: Promise<void> | null = null;
  let again = false;
  let stopTimer: (() => void) | null = null;
  let stopSignal: (() => void) | null = null;

  async function look(): Promise<void> {
    const current = await newestItemId(db);
    if (current === newest) return;
    newest = current;
    for (const s of subscribers.values()) {
      const count = current > s.sinceId ? await arrivalsSince(db, s.sinceId) : 0;
      if (count !== s.told) {
        s.told = count;
        s.tell(count);
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

  return {
    subscribe(sinceId, tell) {
      const key = Symbol('page');
      subscribers.set(key, { sinceId, tell, told: 0 });
      newest = -1; // the new page's count is worked out on the next look
      if (!stopTimer) {
        stopTimer = (options.every ?? realTimer)(options.pollMs ?? 3000, () => void check());
        stopSignal = onWireArrival(() => void check());
      }
      void check();
      return () => {
        subscribers.delete(key);
        if (subscribers.size === 0) {
          stopTimer?.();
          stopSignal?.();
          stopTimer = stopSignal = null;
        }
      };
    },
    check,
    stop() {
      subscribers.clear();
      stopTimer?.();
      stopSignal?.();
      stopTimer = stopSignal = null;
    },
  };
}
