import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { FIRST_RESTART_MS, MAX_RESTART_MS, SHUTDOWN_GRACE_MS, STABLE_MS, restartDelay, supervise, type Timers, type WorkerProcess } from '../../src/cluster.js';
import { repoRoot, wiredeskBin } from '../helpers/cli.js';
import { TestDatabase } from '../helpers/databases.js';

/** Workers that do what the test says, and timers the test moves. */
function fakes() {
  let clock = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextTimer = 1;
  const fakeTimers: Timers = {
    now: () => clock,
    setTimeout: (fn, ms) => (timers.set(nextTimer, { at: clock + ms, fn }), nextTimer++),
    clearTimeout: (t) => void timers.delete(t as number),
  };
  /** Moves the clock on by `ms`, running the timers that come due. */
  const advance = (ms: number) => {
    const until = clock + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= until).sort((x, y) => x[1].at - y[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      clock = due[1].at;
      due[1].fn();
    }
    clock = until;
  };
  type Fake = WorkerProcess & { emitter: EventEmitter; stopped: boolean; killed: boolean; listen(): void; exit(code: number | null, signal?: string): void };
  const forked: Fake[] = [];
  const fork = (): WorkerProcess => {
    const emitter = new EventEmitter();
    const worker: Fake = {
      id: nextId,
      pid: 1000 + nextId++,
      emitter,
      stopped: false,
      killed: false,
      stop: () => void (worker.stopped = true),
      kill: () => void (worker.killed = true),
      on: (event: string, listener: (...args: any[]) => void) => (emitter.on(event, listener), worker),
      listen: () => void emitter.emit('listening', { address: '127.0.0.1', port: 4000 }),
      exit: (code, signal) => void emitter.emit('exit', code, signal ?? null),
    };
    forked.push(worker);
    return worker;
  };
  const lines: string[] = [];
  return { timers: fakeTimers, advance, fork, forked, lines, log: (l: string) => lines.push(l), pending: () => timers.size };
}

describe('serve --workers: the primary', () => {
  it('forks N workers, is ready once one listens, and restarts one that dies after a pause that doubles while deaths follow each other', async () => {
    const f = fakes();
    const s = supervise({ count: 3, fork: f.fork, log: f.log, timers: f.timers });
    assert.equal(f.forked.length, 3);
    f.forked[0]!.listen();
    assert.deepEqual(await s.ready, { address: '127.0.0.1', port: 4000 });
    f.forked[1]!.listen();
    f.forked[2]!.listen();

    f.forked[1]!.exit(null, 'SIGKILL');
    assert.match(f.lines.at(-1)!, /^worker 2 \(pid 1002\) was ended by SIGKILL; starting another in 1 s$/);
    assert.equal(f.forked.length, 3, 'not at once');
    f.advance(FIRST_RESTART_MS - 1);
    assert.equal(f.forked.length, 3);
    f.advance(1);
    assert.equal(f.forked.length, 4);
    // It dies again at once, and again: 2 s, then 4 s.
    f.forked[3]!.exit(1);
    f.advance(2 * FIRST_RESTART_MS - 1);
    assert.equal(f.forked.length, 4);
    f.advance(1);
    f.forked[4]!.exit(1);
    assert.match(f.lines.at(-1)!, /starting another in 4 s/);
    f.advance(4 * FIRST_RESTART_MS);
    assert.equal(f.forked.length, 6);
    assert.equal(s.workers().length, 3);
    // Having lived a while, the next death waits 1 s again.
    f.advance(STABLE_MS);
    f.forked[5]!.exit(null, 'SIGSEGV');
    assert.match(f.lines.at(-1)!, /starting another in 1 s/);
    assert.deepEqual([1, 2, 3, 5, 6, 10].map(restartDelay), [1000, 2000, 4000, 16_000, MAX_RESTART_MS, MAX_RESTART_MS]);
  });

  it('on SIGTERM tells every worker to finish, restarts none, and exits 0 once all have', async () => {
    const f = fakes();
    const s = supervise({ count: 2, fork: f.fork, log: f.log, timers: f.timers });
    for (const w of f.forked) w.listen();
    f.forked[0]!.exit(null, 'SIGKILL'); // a restart is waiting…
    s.shutdown('SIGTERM received');
    assert.match(f.lines.at(-1)!, /^SIGTERM received: telling 1 worker\(s\) to finish their requests and exit$/);
    assert.deepEqual(
      f.forked.map((w) => w.stopped),
      [false, true],
    );
    f.advance(FIRST_RESTART_MS * 10);
    assert.equal(f.forked.length, 2, '…and is called off');
    s.shutdown('SIGINT received');
    f.forked[1]!.exit(0);
    assert.equal(await s.done, 0);
  });

  it('ends the workers that have not finished after the grace, and exits 1', async () => {
    const f = fakes();
    const s = supervise({ count: 2, fork: f.fork, log: f.log, timers: f.timers });
    for (const w of f.forked) w.listen();
    s.shutdown('SIGTERM received');
    f.forked[0]!.exit(0);
    f.advance(SHUTDOWN_GRACE_MS);
    assert.deepEqual(
      f.forked.map((w) => w.killed),
      [false, true],
    );
    f.forked[1]!.exit(null, 'SIGKILL');
    assert.equal(await s.done, 1);
  });

  it('when a worker dies before the site is up, stops the others and exits with its code instead of restarting', async () => {
    const f = fakes();
    const s = supervise({ count: 2, fork: f.fork, log: f.log, timers: f.timers });
    f.forked[0]!.exit(2);
    assert.match(f.lines[0]!, /^worker 1 exited with code 2 before the site was up: stopping$/);
    assert.equal(f.forked[1]!.stopped, true);
    f.forked[1]!.exit(null, 'SIGTERM');
    assert.equal(await s.done, 2);
    await assert.rejects(s.ready);
    assert.equal(f.forked.length, 2);
  });
});

/** GET over a connection of its own, so that the cluster may hand it to any worker. */
function healthOf(url: string): Promise<{ pid: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/healthz`, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(JSON.parse(body) as { pid: number }));
      })
      .on('error', reject);
  });
}

/** Answers from new connections until `want` says enough (at most `tries`). */
async function pidsUntil(url: string, want: (pids: Set<number>) => boolean, tries = 200): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries && !want(pids); i++) {
    pids.add((await healthOf(url).catch(() => ({ pid: 0 }))).pid);
    pids.delete(0);
    // A restart takes a second or two of start-up (no clock of ours to move): ask again shortly.
    if (!want(pids)) await delay(50);
  }
  return pids;
}

describe('serve --workers on PostgreSQL', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL' }, () => {
  it('serves from N processes on one port, replaces a worker that is killed, and stops them all on SIGTERM', async () => {
    const testDb = new TestDatabase('postgres');
    await testDb.create();
    try {
      const child = spawn(process.execPath, [wiredeskBin, 'serve', '--workers', '2'], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', ...testDb.env, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const waitFor = (pattern: RegExp) =>
        new Promise<RegExpExecArray>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${stdout} ${stderr}`)), 60_000);
          const check = () => {
            const m = pattern.exec(stdout);
            if (m) {
              clearTimeout(timer);
              child.stdout.off('data', check);
              resolve(m);
            }
          };
          child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
          check();
        });
      try {
        const url = (await waitFor(/Wiredesk is serving (http:\/\/\S+) with 2 workers/))[1]!;
        const pids = await pidsUntil(url, (p) => p.size >= 2);
        assert.equal(pids.size, 2, 'two processes answer on the one port');
        assert.ok(!pids.has(child.pid!), 'the primary serves nothing itself');

        const [victim, survivor] = [...pids];
        process.kill(victim!, 'SIGKILL');
        await waitFor(new RegExp(`\\(pid ${victim}\\) was ended by SIGKILL; starting another in 1 s`));
        const after = await pidsUntil(url, (p) => p.size >= 2 && !p.has(victim!));
        assert.ok(after.has(survivor!) && after.size === 2 && !after.has(victim!), `answered by ${[...after]}`);

        child.kill('SIGTERM');
        assert.equal(await exit, 0, stderr);
        assert.match(stdout, /SIGTERM received: telling 2 worker\(s\) to finish their requests and exit/);
        for (const pid of after) assert.throws(() => process.kill(pid, 0), /ESRCH/, `worker ${pid} is gone`);
      } finally {
        child.kill('SIGKILL');
      }
    } finally {
      await testDb.destroy();
    }
  });
});
