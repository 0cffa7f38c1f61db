import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { repoRoot, wiredeskBin } from '../helpers/cli.js';
import { TestDatabase } from '../helpers/databases.js';
import { deskUser } from '../newsroom/desk.js';

/*
 * PostgreSQL drops the server's connections while requests run (an administrator, a fail-over,
 * a restart): pg_terminate_backend on every connection of the database, again and again, under
 * parallel requests to pages, feeds, the API and the newsroom. A request that meets a dropped
 * connection is answered 503 with Retry-After and no database text, never 500; the process
 * stays up, and once the terminations stop every request succeeds again. PostgreSQL only.
 */

const PARALLEL = 12;
const TERMINATIONS = 15;
/** Paths that query the database on every request (the page cache is off). */
const PATHS = [
  '/',
  '/search?q=water',
  '/api/v1/items',
  '/rss.xml',
  '/sector/health',
  '/newsroom/sign-in',
  '/newsroom',
  '/newsroom/articles',
  '/healthz',
  '/trending',
  '/latest',
];
/** What a dropped connection says, which must not reach a client. */
const DB_TEXT = /terminat|57P0|ECONNRESET|administrator command|unexpectedly|not queryable|pg_|relation "|SQLSTATE/i;

describe('a dropped PostgreSQL connection mid-request [postgres]', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' }, () => {
  const db = new TestDatabase('postgres');
  let server: ChildProcess;
  let base = '';
  let stderr = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  let admin: pg.Client;
  let cookie = '';

  before(async () => {
    await db.create();
    server = spawn(process.execPath, [wiredeskBin, 'serve', '--demo'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...db.env,
        PORT: '0',
        PAGE_CACHE_MB: '0',
        LOG_LEVEL: 'error',
        SITE_URL: 'https://news.example.org',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    server.on('exit', (code, signal) => (exited = { code, signal }));
    base = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${stdout} stderr: ${stderr}`)), 120_000);
      server.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /serving (http:\/\/\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      server.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    admin = new pg.Client({ connectionString: (db.target as { url: string }).url });
    await admin.connect();
    // An editor signed in, so the newsroom's pages (and its error handler) are asked too.
    cookie = (await (await deskUser((await db.open()).db, 'editor')).session()).cookie;
  });
  after(async () => {
    await admin?.end().catch(() => {});
    if (server && !exited) {
      const gone = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await gone;
    }
    await db.destroy();
  });

  const terminateAll = async () =>
    (
      await admin.query<{ n: string }>(
        `select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      )
    ).rows[0]!.n;

  async function request(path: string) {
    const res = await fetch(base + path, { redirect: 'manual', headers: path.startsWith('/newsroom') && path !== '/newsroom/sign-in' ? { cookie } : {} });
    return { path, status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
  }

  it('answers 503 with Retry-After (not 500, no database text), stays up, and recovers', async (t) => {
    for (const path of PATHS) assert.equal((await request(path)).status, 200, path);

    const answers: Awaited<ReturnType<typeof request>>[] = [];
    let stop = false;
    let next = 0;
    const clients = Array.from({ length: PARALLEL }, async () => {
      while (!stop) answers.push(await request(PATHS[next++ % PATHS.length]!));
    });
    let terminated = 0;
    for (let i = 0; i < TERMINATIONS; i++) {
      await new Promise((r) => setTimeout(r, 40 + (i % 4) * 30));
      terminated += Number(await terminateAll());
    }
    stop = true;
    await Promise.all(clients);

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    t.diagnostic(
      `${answers.length} requests while ${terminated} server connections were terminated: ${[...byStatus].map(([s, n]) => `${n} × ${s}`).join(', ')}`,
    );
    assert.equal(exited, null, `the server exited: ${stderr}`);
    const unexpected = answers.filter((a) => a.status !== 200 && a.status !== 503);
    assert.deepEqual(
      unexpected.map((a) => `${a.status} ${a.path}`),
      [],
      'only 200 or 503',
    );
    const unavailable = answers.filter((a) => a.status === 503);
    assert.ok(unavailable.length > 0, 'some request met a dropped connection (else the test proves nothing)');
    for (const a of unavailable) {
      assert.ok(Number(a.retryAfter) > 0, `503 for ${a.path} says when to come back`);
      assert.doesNotMatch(a.body, DB_TEXT, `503 for ${a.path} shows no database text`);
    }

    // Recovered: every path answers again, more than once (each pooled connection is fresh or proven).
    for (let round = 0; round < 3; round++) {
      const again = await Promise.all(PATHS.map(request));
      assert.deepEqual(
        again.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.path}`),
        [],
        `round ${round} after the drops`,
      );
    }
    assert.equal(exited, null, `the server exited: ${stderr}`);
  });
});
