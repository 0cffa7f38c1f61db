import { setTimeout as wait } from 'node:timers/promises';
import { outboundFetch } from '../../net/outbound.js';
import { PurgeFailure, type BatchingCdnPurger, type PurgeAdapter, type PurgeLog, type PurgeRequest } from './types.js';

/** A surrogate key as the rendered-response cache writes them. */
export const CDN_KEY_PATTERN = /^[A-Za-z0-9:_.-]{1,64}$/;

/** Timing and transport, injectable so tests need neither sleeps nor a network. */
export interface PurgeOptions {
  /** Calls within this many milliseconds of the first are sent as one batch (50). */
  coalesceMs?: number;
  /** Waits before the second, third, … try of a failed request ([500, 2000, 8000]: four tries in all). */
  retryDelaysMs?: readonly number[];
  /** Each request's time limit (10 000). */
  timeoutMs?: number;
  /** Runs `run` after `ms`; returns a function that cancels it. Default: setTimeout. */
  schedule?: (run: () => void, ms: number) => () => void;
  /** Waits `ms`, or rejects early when `signal` aborts (at close). Default: timers/promises. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Default: the outbound client (src/net/outbound.ts), each request's own address trusted
   *  (it comes from the CDN settings), redirects not followed. */
  fetch?: typeof globalThis.fetch;
}

/** A purge request through the outbound client: its address is the operator's CDN setting. */
const outboundSend: typeof globalThis.fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  return outboundFetch(url, {
    method: init?.method,
    headers: init?.headers as Record<string, string> | undefined,
    body: init?.body as string | undefined,
    ...(init?.signal ? { signal: init.signal } : {}),
    redirect: 'manual',
    maxBytes: 1024 * 1024,
    trust: [url],
  });
};

interface Batch {
  all: boolean;
  keys: string[];
  waiters: (() => void)[];
}

/** Wraps an adapter: dedupes and checks keys, coalesces calls into batches sent one at a time,
 *  retries failed requests with backoff, counts, logs, and never throws into the caller. */
export function createBatchingPurger(adapter: PurgeAdapter, log: PurgeLog, options: PurgeOptions = {}): BatchingCdnPurger {
  const coalesceMs = options.coalesceMs ?? 50;
  const delays = options.retryDelaysMs ?? [500, 2000, 8000];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const schedule = options.schedule ?? defaultSchedule;
  const sleep = options.sleep ?? ((ms, signal) => wait(ms, undefined, { signal }));
  const send = options.fetch ?? outboundSend;
  const closing = new AbortController();
  const counts = { purges: 0, keysSent: 0, failures: 0, lastError: null as string | null };

  let pending = new Set<string>();
  let pendingAll = false;
  let waiters: (() => void)[] = [];
  let cancelTimer: (() => void) | null = null;
  let running: Promise<void> | null = null;

  function enqueue(keys: readonly string[] | 'all'): Promise<void> {
    if (keys === 'all') pendingAll = true;
    else for (const key of keys) pending.add(key);
    const done = new Promise<void>((resolve) => waiters.push(resolve));
    if (closing.signal.aborted) void drain();
    // While a batch is out, what arrives waits for it and goes in the next one.
    else if (!cancelTimer && !running) {
      cancelTimer = schedule(() => {
        cancelTimer = null;
        void drain();
      }, coalesceMs);
    }
    return done;
  }

  /** Sends what is pending now (and what arrives meanwhile); resolves when all of it is done. */
  function drain(): Promise<void> {
    if (cancelTimer) {
      cancelTimer();
      cancelTimer = null;
    }
    if (running) return running;
    if (!pendingAll && pending.size === 0) return Promise.resolve();
    running = loop();
    return running;
  }

  async function loop(): Promise<void> {
    await Promise.resolve(); // `running` is set before this can end
    try {
      while (pendingAll || pending.size > 0) {
        const batch: Batch = { all: pendingAll, keys: pendingAll ? [] : [...pending], waiters };
        pending = new Set();
        pendingAll = false;
        waiters = [];
        await sendBatch(batch);
        for (const resolve of batch.waiters) resolve();
      }
    } finally {
      running = null;
    }
  }

  async function sendBatch(batch: Batch): Promise<void> {
    let requests: PurgeRequest[];
    try {
      requests = batch.all ? adapter.purgeAllRequests() : adapter.requests(batch.keys);
    } catch (error) {
      failed(null, 1, new PurgeFailure(`could not build the purge: ${(error as Error).message}`, false));
      return;
    }
    await Promise.all(requests.map(sendWithRetries));
  }

  async function sendWithRetries(request: PurgeRequest): Promise<void> {
    let lastChance = false; // closing: one more try at once, then no more
    for (let attempt = 1; ; attempt++) {
      try {
        await sendOnce(request);
        counts.purges += 1;
        counts.keysSent += request.keyCount;
        if (attempt > 1) log.info?.({ cdn: adapter.name, request: label(request), keys: request.keyCount, attempts: attempt }, 'CDN purge done after retrying');
        return;
      } catch (error) {
        const failure = error instanceof PurgeFailure ? error : new PurgeFailure(String((error as Error)?.message ?? error), true);
        const delay = delays[attempt - 1];
        if (!failure.retryable || delay === undefined || lastChance) return failed(request, attempt, failure);
        if (!closing.signal.aborted) {
          try {
            await sleep(delay, closing.signal);
          } catch {
            // close() cut the wait short
          }
        }
        lastChance = closing.signal.aborted;
      }
    }
  }

  async function sendOnce(request: PurgeRequest): Promise<void> {
    let response: Response;
    try {
      response = await send(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new PurgeFailure(fetchError(error, timeoutMs), true);
    }
    await adapter.check(response);
  }

  function failed(request: PurgeRequest | null, attempts: number, failure: PurgeFailure): void {
    const message = redact(`${request ? `${label(request)}: ` : ''}${failure.message}`, adapter.secrets);
    counts.failures += 1;
    counts.lastError = message;
    log.warn({ cdn: adapter.name, keys: request?.keyCount ?? 0, attempts, error: message }, 'CDN purge failed');
  }

  return {
    name: adapter.name,
    purge(keys) {
      try {
        const valid = validKeys(keys, adapter.name, log);
        return valid.length === 0 ? Promise.resolve() : enqueue(valid);
      } catch (error) {
        log.warn({ cdn: adapter.name, error: (error as Error).message }, 'CDN purge refused its arguments');
        return Promise.resolve();
      }
    },
    purgeAll: () => enqueue('all'),
    stats: () => ({ ...counts }),
    flush: () => drain(),
    close() {
      closing.abort();
      return drain();
    },
  };
}

/** Unique keys matching CDN_KEY_PATTERN, in first-seen order; the others are dropped with a warning. */
function validKeys(keys: readonly string[], cdn: string, log: PurgeLog): string[] {
  const valid = new Set<string>();
  let dropped = 0;
  let example: unknown;
  for (const key of keys) {
    if (typeof key === 'string' && CDN_KEY_PATTERN.test(key)) valid.add(key);
    else {
      dropped += 1;
      example ??= typeof key === 'string' ? key.slice(0, 80) : typeof key;
    }
  }
  if (dropped > 0) log.warn({ cdn, dropped, example }, 'CDN purge: keys that are not surrogate keys were dropped');
  return [...valid];
}

function label(request: PurgeRequest): string {
  return `${request.method} ${request.url}`;
}

function fetchError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `${e?.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

function defaultSchedule(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}
