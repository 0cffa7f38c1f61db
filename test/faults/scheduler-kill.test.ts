import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase, TestDatabase } from '../helpers/databases.js';
import { addStory, smallTaxonomy } from '../helpers/fixtures.js';
import { random, startChild, until } from '../helpers/kill.js';

/*
 * The scheduler killed with SIGKILL while it publishes due stories, restarted and left to finish,
 * ends as a run that was never killed: every due story published once, with one publication
 * event, one revision and one audit entry for it. Each tick publishes up to 100 stories in one
 * transaction, so a kill undoes the batch in progress and the next run publishes it.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const STORIES = 220;
const KILLS = 2;
const KILL_SEED = Number(process.env.CRASH_SEED ?? 4242);

async function withDueStories(kind: TestDatabase['kind']): Promise<{ db: TestDatabase; store: Store }> {
  const db = new TestDatabase(kind);
  await db.create();
  const store = await db.open();
  await smallTaxonomy(store.db);
  const scheduledAt = new Date(Date.now() - 3600_000);
  // Scheduled an hour ago for a minute later: all due now, in a known order (one transaction: quicker).
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < STORIES; i++) {
      await addStory(
        trx,
        { headline: `Due story ${String(i).padStart(3, '0')}` },
        { status: 'scheduled', now: scheduledAt.toISOString(), scheduledFor: new Date(scheduledAt.getTime() + 60_000 + i * 1000).toISOString() },
      );
    }
  });
  return { db, store };
}

const count = async (store: Store, sqlWhere: (q: any) => any, table = 'articles') =>
  Number((await sqlWhere((store.db as any).selectFrom(table).select((eb: any) => eb.fn.countAll().as('n'))).executeTakeFirstOrThrow()).n);
const published = (store: Store) => count(store, (q) => q.where('status', '=', 'published'));

/** What must come out the same, story by story (by headline: ids and times differ). */
async function snapshot(store: Store) {
  const articles = await store.db.selectFrom('articles').select(['id', 'headline', 'status', 'version', 'published_via']).orderBy('headline').execute();
  const events = await store.db.selectFrom('publication_events').select(['article_id', 'article_version', 'event']).execute();
  const revisions = await store.db.selectFrom('article_revisions').select(['article_id', 'summary']).execute();
  const audit = await store.db.selectFrom('audit_log').select(['subject', 'action', 'actor']).where('subject', 'like', 'article %').execute();
  return articles.map((a) => ({
    headline: a.headline,
    status: a.status,
    version: a.version,
    via: a.published_via,
    events: events.filter((e) => e.article_id === a.id).map((e) => `${e.event} v${e.article_version}`),
    revisions: revisions
      .filter((r) => r.article_id === a.id)
      .map((r) => r.summary.replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'T'))
      .sort(),
    audit: audit
      .filter((x) => x.subject.startsWith(`article ${a.id}:`))
      .map((x) => `${x.actor} ${x.action}`)
      .sort(),
  }));
}

describeEachDatabase('faults: the scheduler killed while it publishes', (testDb) => {
  const databases: TestDatabase[] = [];
  after(async () => {
    for (const db of databases) await db.destroy();
  });
  // The killed runs tick every 150 ms, so a kill up to 300 ms after a commit lands before the last
  // batch of three commits however fast the machine is (at 20 ms a quiet machine finished first).
  const child = (db: TestDatabase, tickMs = 20) => startChild(path.join(here, 'scheduler-child.ts'), { ...db.env, TICK_MS: String(tickMs) });

  it('publishes every due story once, with one event each, as an uninterrupted run', async (t) => {
    const reference = await withDueStories(testDb.kind);
    databases.push(reference.db);
    const started = Date.now();
    const whole = await child(reference.db).result;
    assert.equal(whole.code, 0, whole.stderr);
    t.diagnostic(`uninterrupted: ${STORIES} stories published in ${Date.now() - started} ms (with start-up)`);
    assert.equal(await published(reference.store), STORIES);

    const crashed = await withDueStories(testDb.kind);
    databases.push(crashed.db);
    const rand = random(KILL_SEED);
    const kills: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const before = await published(crashed.store);
      const run = child(crashed.db, 150);
      // Once the run has committed a batch beyond `before`, kill it within the next one.
      await until(run, async () => (await published(crashed.store)) > before);
      const delayMs = Math.floor(rand() * 300);
      await Promise.race([sleep(delayMs), run.result]);
      run.kill();
      const result = await run.result;
      const now = await published(crashed.store);
      kills.push(`${result.signal === 'SIGKILL' ? `killed ${delayMs} ms after a commit` : `finished (${result.code})`}: ${before} → ${now}`);
      assert.ok(result.signal === 'SIGKILL' || result.code === 0, result.stderr);
    }
    t.diagnostic(kills.join('; '));
    assert.ok(
      kills.some((k) => k.startsWith('killed') && !k.endsWith(`→ ${STORIES}`)),
      `no kill landed before the end: ${kills.join('; ')}`,
    );
    const last = await child(crashed.db).result;
    assert.equal(last.code, 0, last.stderr);

    const [want, got] = [await snapshot(reference.store), await snapshot(crashed.store)];
    assert.equal(got.filter((s) => s.status === 'published').length, STORIES);
    for (const s of got) assert.deepEqual(s.events, [`publish v${s.version}`], `${s.headline}: one publication event`);
    assert.deepEqual(got, want);
  });
});
