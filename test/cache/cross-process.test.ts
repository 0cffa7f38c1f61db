import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, it } from 'node:test';
import type { Store } from '../../src/db/connect.js';
import { repoRoot, wiredeskBin } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor, unpublishArticle } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

/** A `wiredesk serve` of its own on the test's database; resolves with its address. */
function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [wiredeskBin, 'serve'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /serving (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

/** Polls `check` until it holds or `ms` pass; returns how long it took. */
async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check()) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not within ${ms} ms`);
}

/** Another process's cache hears this one's changes: LISTEN/NOTIFY on PostgreSQL, the file's data_version on SQLite. */
describeEachDatabase('page cache across processes', (testDb) => {
  let store: Store;
  let server: { url: string; child: ChildProcess };
  const health = async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { pageCache: { hits: number; entries: number } }).pageCache;

  before(async () => {
    ({ store } = await openSuite(testDb));
    await addStory(store.db, { headline: 'First Story On The Health Page' });
    server = await startServer(testDb.env);
  });
  after(async () => {
    server?.child.kill('SIGTERM');
  });

  it("shows a publication and a take-down made by another process well before the cache's time-out", async () => {
    const page = `${server.url}/sector/health`;
    await fetch(page);
    await until(async () => (await health()).entries > 0, 5_000);
    const hits = (await health()).hits;
    assert.doesNotMatch(await (await fetch(page)).text(), /Second Story/);
    assert.equal((await health()).hits, hits + 1, 'answered from its cache');

    const story = await addStory(store.db, { headline: 'Second Story On The Health Page' });
    await until(async () => /Second Story On The Health Page/.test(await (await fetch(page)).text()), 5_000);
    await fetch(page); // kept again
    await unpublishArticle(store.db, story.id, { actor: testActor() });
    await until(async () => !/Second Story On The Health Page/.test(await (await fetch(page)).text()), 5_000);
  });
});
