import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/db/connect.js';
import { readsByGroup, readsPerHour, topStoriesNow } from '../../src/audience/dashboard.js';
import { addViews, hourOf } from '../../src/audience/reads.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser, get } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('the audience dashboard', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const now = new Date();
  const hoursAgo = (h: number) => new Date(Date.parse(hourOf(now)) - h * 3_600_000 + 60_000);
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    const a = await addStory(store.db, { headline: 'Clinic Story', sectors: ['health'], countries: ['IN'], edition: 'south-asia' });
    const b = await addStory(store.db, { headline: 'School Story', sectors: ['education'], countries: ['NP'] });
    await addViews(store.db, [
      { articleId: a.id, at: hoursAgo(0), views: 30 },
      { articleId: a.id, at: hoursAgo(5), views: 10 },
      { articleId: b.id, at: hoursAgo(1), views: 7 },
      { articleId: b.id, at: hoursAgo(30), views: 4 },
      { articleId: b.id, at: hoursAgo(60), views: 100 },
    ]);
  });

  it('sums reads per hour over 48 hours, with every hour present', async () => {
    const hours = await readsPerHour(store.db, 48, now);
    assert.equal(hours.length, 48);
    assert.equal(hours.at(-1)!.views, 30);
    assert.equal(hours.at(-2)!.views, 7);
    assert.equal(
      hours.reduce((s, h) => s + h.views, 0),
      51,
      'the read 60 hours ago is outside',
    );
    // Hours older than 72 are rolled up into days: no hour-by-hour figure reaches past them.
    await assert.rejects(readsPerHour(store.db, 73, now), RangeError);
    await assert.rejects(readsByGroup(store.db, 100, now), RangeError);
  });

  it('groups the last 24 hours by edition, main sector and main country, and ranks top stories', async () => {
    const groups = await readsByGroup(store.db, 24, now);
    assert.deepEqual(
      groups.sectors.map((g) => [g.key, g.views]),
      [
        ['health', 40],
        ['education', 7],
      ],
    );
    assert.deepEqual(
      groups.countries.map((g) => [g.key, g.views]),
      [
        ['IN', 40],
        ['NP', 7],
      ],
    );
    assert.deepEqual(
      groups.editions.map((g) => [g.key, g.views]),
      [
        ['south-asia', 40],
        ['global', 7],
      ],
    );
    const top = await topStoriesNow(store.db, 10, now);
    assert.equal(top[0]!.story.headline, 'Clinic Story');
    assert.equal(top[0]!.reads24h, 40);
    assert.deepEqual(
      top.map((t) => t.readsTotal),
      [40, 111],
      'in all, the read 60 hours ago too',
    );
  });

  it('draws accessible SVG charts with the numbers in tables, for editors and admins only', async () => {
    const editor = await (await deskUser(store.db, 'editor')).session();
    const page = await get(app, '/newsroom/audience', editor);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="hourly-title hourly-desc"/);
    assert.match(page.body, /<title id="hourly-title">Reads per hour, last 48 hours<\/title>/);
    assert.match(page.body, /<td data-label="Sector">Health<\/td><td data-label="Reads">40<\/td>/);
    assert.match(page.body, /51 counted reads in the last 48 hours/);
    assert.match(page.body, /<th[^>]*>Reads in all<\/th>/);
    assert.match(page.body, /Newsletter subscribers \(confirmed\), last 30 days/);
    assert.match(page.body, /<td>Dropped \(buffer full\)<\/td><td data-label="Count">0<\/td>/);
    const writer = await (await deskUser(store.db, 'writer')).session();
    assert.equal((await get(app, '/newsroom/audience', writer)).statusCode, 403);
  });
});
