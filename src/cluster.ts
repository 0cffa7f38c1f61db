import cluster from 'node:cluster';

/*
 * `wiredesk serve --workers N`: the primary process forks N workers that share the port
 * (node:cluster hands connections round-robin) and each run the same serve() (server.ts). The
 * primary migrates and seeds before forking and then holds no database connection; it
 * restarts a worker that dies unexpectedly after a pause that doubles while deaths follow each
 * other (1 s … 30 s), and on SIGTERM or SIGINT tells every worker to finish its requests and
 * exit (SIGTERM), then exits itself: 0 when every worker ended cleanly. Background jobs run once
 * across the workers by their job locks (src/db/job-lock.ts), so PostgreSQL is needed.
 */

export const MAX_WORKERS = 64;
export const FIRST_RESTART_MS = 1_000;
export const MAX_RESTART_MS = 30_000;
/** A worker that lived this long was well: the next death starts the pauses again from 1 s. */
export const STABLE_MS = 60_000;
/** After this, workers still running at shutdown are killed (a worker's own grace is 10 s). */
export const SHUTDOWN_GRACE_MS = 15_000;

/** The pause before restarting after the `deathsInARow`-th quick death in a row (1 s, 2 s, 4 s … 30 s). */
export const restartDelay = (deathsInARow: number) => Math.min(MAX_RESTART_MS, FIRST_RESTART_MS * 2 ** Math.max(0, deathsInARow - 1));

/** A worker process, as the supervisor sees it (cluster's Worker; tests pass fakes). */
export interface WorkerProcess {
  readonly id: number;
  readonly pid: number | undefined;
  /** Finish the requests in flight and exit (SIGTERM). */
  stop(): void;
  /** Exit now (SIGKILL). */
  kill(): void;
  on(event: 'listening', listener: (address: { address: string; port: number }) => void): unknown;
  on(event: 'exit', listener: (code: number | null, signal: string | null) => void): unknown;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};

export interface Supervisor {
  /** Resolves with the address once the first worker listens. */
  ready: Promise<{ address: string; port: number }>;
  /** Resolves with the primary's exit code once every worker is gone for good. */
  done: Promise<number>;
  /** Asks every worker to finish and exit; no more restarts. */
  shutdown(reason: string): void;
  /** The workers alive now. */
  workers(): WorkerProcess[];
}

/**
 * Keeps `count` workers running. A worker that dies before any worker ever listened means the
 * site cannot start (the port is taken, the database refuses): the others are stopped and
 * `done` gives the dead worker's exit code, instead of restarting for ever.
 */
export function supervise(options: { count: number; fork: () => WorkerProcess; log: (line: string) => void; timers?: Timers }): Supervisor {
  const timers = options.timers ?? realTimers;
  const alive = new Map<WorkerProcess, { startedAt: number }>();
  const pending = new Set<unknown>();
  let listened = false;
  let stopping = false;
  let failedStart: number | null = null;
  let unclean = false;
  let deathsInARow = 0;
  let killTimer: unknown = null;
  let resolveReady!: (a: { address: string; port: number }) => void;
  let rejectReady!: (e: Error) => void;
  let resolveDone!: (code: number) => void;
  const ready = new Promise<{ address: string; port: number }>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  ready.catch(() => {});
  const done = new Promise<number>((res) => (resolveDone = res));

  const finishIfEmpty = () => {
    if (!stopping || alive.size > 0 || pending.size > 0) return;
    if (killTimer !== null) timers.clearTimeout(killTimer);
    rejectReady(new Error('the workers stopped before any listened'));
    resolveDone(failedStart ?? (unclean ? 1 : 0));
  };

  function start() {
    const worker = options.fork();
    alive.set(worker, { startedAt: timers.now() });
    worker.on('listening', (address) => {
      if (!listened) resolveReady(address);
      listened = true;
    });
    worker.on('exit', (code, signal) => {
      const info = alive.get(worker);
      alive.delete(worker);
      const how = signal ? `was ended by ${signal}` : `exited with code ${code}`;
      if (stopping) {
        // SIGTERM itself ends a worker still starting (no handler yet, nothing in flight).
        if (code !== 0 && signal !== 'SIGTERM') unclean = true;
        return finishIfEmpty();
      }
      if (!listened) {
        options.log(`worker ${worker.id} ${how} before the site was up: stopping`);
        failedStart = code && code > 0 ? code : 1;
        return shutdown('a worker could not start');
      }
      const lived = timers.now() - (info?.startedAt ?? 0);
      deathsInARow = lived >= STABLE_MS ? 1 : deathsInARow + 1;
      const wait = restartDelay(deathsInARow);
      options.log(`worker ${worker.id} (pid ${worker.pid}) ${how}; starting another in ${wait / 1000} s`);
      const timer = timers.setTimeout(() => {
        pending.delete(timer);
        if (!stopping) start();
        else finishIfEmpty();
      }, wait);
      pending.add(timer);
    });
  }

  function shutdown(reason: string) {
    if (stopping) return;
    stopping = true;
    for (const timer of pending) timers.clearTimeout(timer);
    pending.clear();
    if (alive.size) options.log(`${reason}: telling ${alive.size} worker(s) to finish their requests and exit`);
    for (const worker of alive.keys()) worker.stop();
    killTimer = timers.setTimeout(() => {
      if (alive.size === 0) return;
      options.log(`workers still running after ${SHUTDOWN_GRACE_MS / 1000} s: ending them`);
      unclean = true;
      for (const worker of alive.keys()) worker.kill();
    }, SHUTDOWN_GRACE_MS);
    finishIfEmpty();
  }

  for (let i = 0; i < options.count; i++) start();
  return { ready, done, shutdown, workers: () => [...alive.keys()] };
}

/** node:cluster's workers as WorkerProcess. */
function forkWorker(): WorkerProcess {
  // glibc reads MALLOC_ARENA_MAX only when a process starts, so the primary can set it for its
  // workers (a single `serve` takes it from its own environment: README, Memory). Two arenas
  // instead of one per thread (libuv's four, sharp's) kept 16 MB less freed memory under load.
  const worker = cluster.fork({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2' });
  const handle: WorkerProcess = {
    id: worker.id,
    get pid() {
      return worker.process.pid;
    },
    stop: () => void worker.process.kill('SIGTERM'),
    kill: () => void worker.process.kill('SIGKILL'),
    on(event: string, listener: (...args: any[]) => void) {
      worker.on(event, listener);
      return handle;
    },
  };
  return handle;
}

/**
 * The primary of `wiredesk serve --workers N` (the database is migrated and seeded already):
 * forks, supervises, prints `onReady`'s line once the site is up, and exits when done.
 */
export async function runPrimary(count: number, log: (line: string) => void, onReady: (url: string) => void, host: string): Promise<never> {
  const supervisor = supervise({ count, fork: forkWorker, log });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => supervisor.shutdown(`${signal} received`));
  supervisor.ready.then(
    ({ port }) => onReady(`http://${host.includes(':') ? `[${host}]` : host}:${port}`),
    () => {},
  );
  process.exit(await supervisor.done);
}
