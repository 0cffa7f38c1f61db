import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import type { DB, Store } from '../../src/db/connect.js';
import { JOB_LOCK_SPACE, jobLockKey, runExclusive, startExclusiveJob, type JobName } from '../../src/db/job-lock.js';
import { describeEachDatabase } from '../helpers/databases.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** The backends holding job locks now, by job (PostgreSQL). */
async function lockHolders(db: DB): Promise<Map<JobName, number>> {
  const { rows } = await sql<{ objid: number; pid: number }>`select objid::text::bigint as objid, pid from pg_locks
    where locktype = 'advisory' and granted and classid::text::bigint = ${JOB_LOCK_SPACE} and database = (select oid from pg_database where datname = current_database())`.execute(
    db,
  );
  const byKey = new Map((['scheduler', 'wire-sources', 'webhooks', 'newsletter', 'notification-mail'] as const).map((j) => [jobLockKey(j), j]));
  return new Map(rows.map((r) => [byKey.get(Number(r.objid))!, r.pid]));
}

describeEachDatabase('job locks', (testDb) => {
  // Two processes' handles on one database (on SQLite, two handles on one file).
  let a: Store;
  let b: Store;
  before(async () => {
    a = await testDb.open();
    b = await testDb.open();
  });

  it('while one handle runs a job, another skips it; once it is done, the other runs it', async () => {
    const inside = deferred();
    const finish = deferred();
    const first = runExclusive(a.db, 'scheduler', async () => {
      inside.resolve();
      await finish.promise;
      return 'a';
    });
    await inside.promise;
    let ranB = false;
    assert.deepEqual(await runExclusive(b.db, 'scheduler', async () => void (ranB = true)), { ran: false });
    assert.deepEqual(await runExclusive(a.db, 'scheduler', async () => void (ranB = true)), { ran: false }, 'the same handle twice too');
    assert.equal(ranB, false);
    // Another job is not held up.
    assert.deepEqual(await runExclusive(b.db, 'webhooks', async () => 'w'), { ran: true, value: 'w' });
    finish.resolve();
    assert.deepEqual(await first, { ran: true, value: 'a' });
    assert.deepEqual(await runExclusive(b.db, 'scheduler', async () => 'b'), { ran: true, value: 'b' });
  });

  it('a run that fails lets go of the lock, and its error reaches the caller', async () => {
    await assert.rejects(
      runExclusive(a.db, 'notification-mail', async () => Promise.reject(new Error('mail server gone'))),
      /mail server gone/,
    );
    assert.deepEqual(await runExclusive(b.db, 'notification-mail', async () => 1), { ran: true, value: 1 });
  });

  it('two periodic instances started at once: each tick is run by one of them', async () => {
    let runs = 0;
    let concurrent = 0;
    const task = async () => {
      concurrent += 1;
      assert.equal(concurrent, 1, 'never two runs at once');
      runs += 1;
      await delay(0);
      concurrent -= 1;
    };
    const quiet = () => {};
    const jobs = [startExclusiveJob(a.db, 'wire-sources', task, 3_600_000, quiet), startExclusiveJob(b.db, 'wire-sources', task, 3_600_000, quiet)];
    const started = await Promise.all(jobs.map((j) => j.tick()));
    assert.equal(started.filter(Boolean).length, runs);
    for (let i = 0; i < 5; i++) {
      const before = runs;
      const ran = await Promise.all(jobs.map((j) => j.tick()));
      assert.ok(ran.filter(Boolean).length >= 1 && runs - before === ran.filter(Boolean).length);
    }
    await Promise.all(jobs.map((j) => j.stop()));
  });

  it('the locks of one process go over one connection, given back when no job runs', { skip: testDb.kind === 'sqlite' && 'PostgreSQL only' }, async () => {
    const inside = deferred();
    const finish = deferred();
    const runs = (['scheduler', 'webhooks', 'newsletter'] as const).map((job) =>
      runExclusive(a.db, job, async () => {
        if (job === 'newsletter') inside.resolve();
        await finish.promise;
      }),
    );
    await inside.promise;
    await delay(0);
    const holders = await lockHolders(b.db);
    assert.deepEqual([...holders.keys()].sort(), ['newsletter', 'scheduler', 'webhooks']);
    assert.equal(new Set(holders.values()).size, 1, 'one backend holds them all');
    finish.resolve();
    await Promise.all(runs);
    assert.equal((await lockHolders(b.db)).size, 0);
  });

  it(
    "when the holder's connection dies mid-run, the next run elsewhere takes the job over",
    { skip: testDb.kind === 'sqlite' && 'PostgreSQL only' },
    async () => {
      const inside = deferred();
      const finish = deferred();
      const stuck = runExclusive(a.db, 'webhooks', async () => {
        inside.resolve();
        await finish.promise;
      });
      await inside.promise;
      assert.deepEqual(await runExclusive(b.db, 'webhooks', async () => 'b'), { ran: false });
      // As PostgreSQL sees a process that died: its connection ends (waiting until it has).
      const pid = (await lockHolders(b.db)).get('webhooks')!;
      assert.ok((await sql<{ done: boolean }>`select pg_terminate_backend(${pid}, 5000) as done`.execute(b.db)).rows[0]!.done);
      assert.deepEqual(await runExclusive(b.db, 'webhooks', async () => 'b'), { ran: true, value: 'b' });
      // The survivor of the old run ends without harm, and its process takes jobs again later.
      finish.resolve();
      await stuck;
      assert.deepEqual(await runExclusive(a.db, 'webhooks', async () => 'a'), { ran: true, value: 'a' });
      assert.deepEqual(await runExclusive(a.db, 'scheduler', async () => 'a'), { ran: true, value: 'a' });
    },
  );

  it('a holder killed with SIGKILL frees the job for the others', { skip: testDb.kind === 'sqlite' && 'PostgreSQL only' }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'job-lock-child.ts')], {
      env: { ...process.env, ...testDb.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('holding') && resolve()));
      child.on('exit', () => reject(new Error(`the child ended: ${out} ${err}`)));
    });
    assert.deepEqual(await runExclusive(a.db, 'newsletter', async () => 'a'), { ran: false });
    child.kill('SIGKILL');
    await exited;
    // The server ends the dead client's session as soon as it reads the closed socket: a few
    // milliseconds, which no clock of ours can be moved through, so poll (bounded).
    let outcome = await runExclusive(a.db, 'newsletter', async () => 'a');
    for (let i = 0; i < 250 && !outcome.ran; i++) {
      await delay(20);
      outcome = await runExclusive(a.db, 'newsletter', async () => 'a');
    }
    assert.deepEqual(outcome, { ran: true, value: 'a' });
  });
});
