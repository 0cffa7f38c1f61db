import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { latestMigration } from '../../src/db/migrations/index.js';
import { repoRoot, wiredeskBin } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('web server', (testDb) => {
  let app: FastifyInstance;
  before(async () => {
    const { store } = await openSuite(testDb);
    await addStory(store.db, { headline: 'Older <Story> & Co' }, { now: '2026-11-01T00:00:00.000Z' });
    await addStory(store.db, { headline: 'Newest Story' }, { now: '2026-11-02T00:00:00.000Z' });
    await addStory(store.db, { headline: 'Draft Story' }, { status: 'draft' });
    app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.target }, store: { ...store, close: async () => {} } });
    await app.changeListener.ready;
  });
  after(() => app.close());

  it('GET /healthz answers status, database kind, migration, article count and the read counter', async () => {
    const res = await app.inject('/healthz');
    assert.equal(res.statusCode, 200);
    const { views, pageCache, memory, ...rest } = res.json();
    // Where the process's memory is, in MB: RSS holds the V8 heap.
    assert.ok(memory.rss > 0 && memory.heapUsed > 0 && memory.heapUsed <= memory.heapTotal && memory.heapTotal < memory.rss, JSON.stringify(memory));
    assert.deepEqual(rest, { status: 'ok', database: testDb.kind, migration: latestMigration, articles: 3, pid: process.pid });
    assert.equal(pageCache.enabled, true);
    assert.equal(pageCache.maxBytes, 64 * 1024 * 1024);
    assert.equal(pageCache.listening, true);
    assert.deepEqual([views.accepted, views.duplicates, views.bots, views.dropped, views.flushed, views.pending], [0, 0, 0, 0, 0, 0]);
  });

  it('the front page lists published headlines newest first, escaped', async () => {
    const res = await app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    const newest = res.body.indexOf('Newest Story');
    const older = res.body.indexOf('Older &lt;Story> &amp; Co');
    assert.ok(newest > 0 && older > newest, res.body);
    assert.doesNotMatch(res.body, /Draft Story/);
  });
});

describeEachDatabase('npm start', (testDb) => {
  it('migrates, seeds the demo on first start, prints its URL, serves, and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [wiredeskBin, 'serve', '--demo'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...testDb.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${stdout} stderr: ${stderr}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /serving (http:\/\/\S+)[\s\S]*Newsroom: sign in/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      assert.match(stdout, /Seeded the demo newsroom/);
      const health = (await (await fetch(`${url}/healthz`)).json()) as { articles: number };
      assert.ok(health.articles >= 120);
      const home = await (await fetch(url)).text();
      assert.match(home, /<title>Wiredesk News<\/title>/);
      assert.ok((home.match(/<a href="\/article\/\d+-/g) ?? []).length >= 20, 'demo headlines on the front page');
      // The demo admin's password is in a file only the owner may read, and not on stdout.
      const file = /as admin@example\.org with the password in (\S+) \(readable only by you/.exec(stdout)?.[1];
      assert.ok(file, stdout);
      assert.equal(path.resolve(file), path.join(fs.realpathSync(testDb.dataDir), 'demo-admin-password.txt'));
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const password = fs.readFileSync(file, 'utf8').trim();
      assert.ok(password.length >= 12);
      assert.ok(!stdout.includes(password) && !stderr.includes(password), 'the password is not printed');
      const form = await fetch(`${url}/newsroom/sign-in`);
      const cookie = form.headers
        .getSetCookie()
        .find((c) => c.startsWith('wd_signin='))!
        .split(';')[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const signedIn = await fetch(`${url}/newsroom/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, email: 'admin@example.org', password }),
      });
      assert.equal(signedIn.status, 303, 'the password in the file signs in');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exit, 0);
    assert.match(stdout, /SIGTERM received/);
  });
});
