import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { purgeCdnOnChanges } from '../../src/cache/cdn.js';
import { cdnConfigFrom, createCdnPurger, type BatchingCdnPurger } from '../../src/cache/cdn-purge.js';
import { editArticle } from '../../src/content/lifecycle.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath } from '../../src/presentation/urls.js';
import { TestDatabase } from '../helpers/databases.js';
import { addStory, testActor, unpublishArticle } from '../helpers/fixtures.js';
import { startVarnish, varnishAvailable, type TestVarnish } from '../helpers/varnish.js';
import { openSuite } from '../helpers/suite.js';

// Wiredesk behind a real Varnish with the shipped VCL, purged by surrogate key (CDN_PURGE=varnish):
// what the desk does is visible through Varnish within a second, and the rest stays cached.

const skip = !varnishAvailable() && !process.env.CI ? 'varnishd is not installed (apt-get install varnish varnish-modules)' : false;

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('through Varnish', { skip }, () => {
  const testDb = new TestDatabase('sqlite');
  let store: Store;
  let app: FastifyInstance;
  let varnish: TestVarnish;
  let purger: BatchingCdnPurger;
  let stopPurging: () => Promise<void>;
  const get = async (path: string) => {
    const res = await fetch(varnish.url + path, { headers: { 'accept-encoding': 'gzip' } });
    return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() };
  };
  /** Milliseconds until `check` holds for the page through Varnish (at most 5 s). */
  async function msUntil(path: string, check: (page: { status: number; body: string }) => boolean): Promise<number> {
    const start = performance.now();
    while (performance.now() - start < 5_000) {
      if (check(await get(path))) return performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${path}: not within 5 s`);
  }

  before(async () => {
    await testDb.create();
    ({ store, app } = await openSuite(testDb, { app: true }));
    await addStory(store.db, { headline: 'Clinic Opens In Pune', sectors: ['health'] });
    await addStory(store.db, { headline: 'School Opens In Nakuru', countries: ['KE'], sectors: ['education'] });
    // The app listens first (a port picked and let go could be taken by anyone meanwhile), then
    // Varnish is pointed at it, and the app's purger at Varnish, as CDN_PURGE=varnish makes it.
    await app.changeListener.ready;
    await app.listen({ port: 0, host: '127.0.0.1' });
    varnish = await startVarnish({ backendPort: (app.server.address() as { port: number }).port });
    purger = createCdnPurger(cdnConfigFrom({ CDN_PURGE: 'varnish', VARNISH_PURGE_URL: varnish.url }), app.log)!;
    stopPurging = purgeCdnOnChanges(purger);
    // The probe saw nothing listening until now: wait until it says the app is up.
    await eventually(async () => /\bhealthy\b/.test(await varnish.adm('backend.list')) && !/\bsick\b/.test(await varnish.adm('backend.list')));
  });
  after(async () => {
    await stopPurging?.();
    await app?.close();
    await varnish?.stop();
    await testDb.destroy();
  });

  it('shows a publication, an update and a take-down within 1 s, and keeps unrelated pages cached', async (t) => {
    for (const path of ['/sector/health', '/sector/education']) {
      await get(path);
      assert.equal((await get(path)).cache, 'HIT', path);
    }
    const hitsBefore = (await varnish.stats())['MAIN.cache_hit']!;

    const story = await addStory(store.db, { headline: 'Vaccination Drive Reaches Remote Valleys', sectors: ['health'] });
    const published = await msUntil('/sector/health', (p) => p.body.includes('Vaccination Drive Reaches Remote Valleys'));
    assert.ok(published < 1_000, `publish visible after ${published.toFixed(0)} ms`);
    const education = await get('/sector/education');
    assert.equal(education.cache, 'HIT', 'an unrelated page stays cached');
    // varnishstat's counters are summed from the worker threads now and then, not at once.
    await eventually(async () => (await varnish.stats())['MAIN.cache_hit']! > hitsBefore);

    const page = articlePath(story);
    await get(page);
    assert.equal((await get(page)).cache, 'HIT');
    await editArticle(store.db, story.id, { headline: 'Vaccination Drive Reaches 40 Remote Valleys' }, { actor: testActor() }, { textBy: 'person' });
    const updated = await msUntil(page, (p) => p.body.includes('Vaccination Drive Reaches 40 Remote Valleys'));
    assert.ok(updated < 1_000, `update visible after ${updated.toFixed(0)} ms`);

    await get('/sector/health');
    await unpublishArticle(store.db, story.id, { actor: testActor() });
    const removed = await msUntil(page, (p) => p.status === 410);
    assert.ok(removed < 1_000, `take-down visible after ${removed.toFixed(0)} ms`);
    t.diagnostic(`visible through Varnish after: publish ${published.toFixed(0)} ms, update ${updated.toFixed(0)} ms, take-down ${removed.toFixed(0)} ms`);
    assert.doesNotMatch((await get('/sector/health')).body, /Remote Valleys/);
    assert.equal((await get('/sector/education')).cache, 'HIT');
    assert.ok(purger.stats().purges >= 3);
  });

  it('keeps serving cached pages while the origin is down', async () => {
    await get('/sector/education');
    await app.close();
    const page = await get('/sector/education');
    assert.equal(page.status, 200);
    assert.match(page.body, /School Opens In Nakuru/);
  });
});
