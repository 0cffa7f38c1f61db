import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Article } from '../../src/content/articles.js';
import { createMedia, iptcSourceTypeUri } from '../../src/content/media.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, type StoryState, at, testActor } from '../helpers/fixtures.js';
import { editArticle, unpublishArticle } from '../../src/content/lifecycle.js';
import { openSuite } from '../helpers/suite.js';

const SITE = 'https://news.example.org';

/** Every top-level property ninjs 2.3 defines; the schema allows no others. */
const NINJS_2_PROPERTIES = new Set([
  'uri',
  'type',
  'representationtype',
  'profile',
  'version',
  'firstcreated',
  'versioncreated',
  'contentcreated',
  'contentdigitised',
  'embargoed',
  'pubstatus',
  'urgency',
  'copyrightholder',
  'copyrightnotice',
  'usageterms',
  'ednote',
  'language',
  'descriptions',
  'bodies',
  'headlines',
  'people',
  'organisations',
  'places',
  'subjects',
  'events',
  'objects',
  'infosources',
  'title',
  'by',
  'slugline',
  'located',
  'renditions',
  'associations',
  'altids',
  'trustindicators',
  'standard',
  'genres',
  'expires',
  'rightsinfo',
  'digitalsourcetype',
]);

type Json = Record<string, any>;

describeEachDatabase('items API (IPTC ninjs)', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  /** By name: s4 changed last, then s3, s2, s1; the draft and the withdrawn story are never listed. */
  const s: Record<'s1' | 's2' | 's3' | 's4' | 'draft' | 'withdrawn' | 'full', Article> = {} as never;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    const db = store.db;
    const make = (overrides: Parameters<typeof addStory>[1], minute: number, state: StoryState = {}) => addStory(db, overrides, { ...state, now: at(minute) });
    s.s1 = await make({ sectors: ['health'], countries: ['IN'] }, 1);
    s.s2 = await make({ kind: 'opinion', sectors: ['education'], countries: ['IN'] }, 2);
    s.s3 = await make({ edition: 'south-asia', sectors: ['energy'], countries: ['PK'] }, 3);
    s.s4 = await make({ sectors: ['health'], countries: ['IN'] }, 4);
    s.s4 = await editArticle(db, s.s4.id, { headline: 'Changed last' }, { actor: testActor('t'), now: at(10) });
    s.draft = await make({}, 5, { status: 'draft' });
    s.withdrawn = await make({}, 6);
    s.withdrawn = await unpublishArticle(db, s.withdrawn.id, { actor: testActor('t'), now: at(7) });
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
  const ids = (body: Json) => (body.items as Json[]).map((i) => Number(String(i.uri).split('/').at(-1)));

  it('presents a story as a ninjs 2.x item: texts, subjects, places, sources, hero image and AI involvement', async () => {
    const hero = await createMedia(store.db, {
      file: 'hero/robot.png',
      mimeType: 'image/png',
      width: 1600,
      height: 900,
      altText: 'A drawing of a turbine',
      caption: 'Wind farm',
      credit: 'Illustration: Desk',
      digitalSourceType: 'trainedAlgorithmicMedia',
    });
    s.full = await addStory(
      store.db,
      {
        headline: 'Turbines & tides',
        standfirst: 'A summary.',
        body: '<p>Read <a href="/sector/energy">more</a> now.</p>',
        byline: {
          authors: [
            { name: 'Asha Rao', userId: null },
            { name: 'Ben Ode', userId: null },
          ],
        },
        sectors: ['energy', 'health'],
        countries: ['IN', 'PK'],
        heroMediaId: hero.id,
        sources: [{ agency: 'Example Wire', itemId: 'urn:ex:1', version: 3 }],
        aiInvolvement: 'assisted',
      },
      { now: at(0) },
    );
    const res = await get(`/api/v1/items/${s.full.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.match(String(res.headers['cache-control']), /^public, max-age=\d+/);
    const item = res.json() as Json;

    for (const key of Object.keys(item)) assert.ok(NINJS_2_PROPERTIES.has(key), `${key} is not a ninjs 2.x property`);
    assert.equal(item.uri, `${SITE}/api/v1/items/${s.full.id}`);
    assert.equal(item.type, 'text');
    assert.equal(item.version, '1');
    assert.equal(item.pubstatus, 'usable');
    assert.equal(item.language, 'en');
    assert.equal(item.firstcreated, at(0));
    assert.equal(item.versioncreated, at(0));
    assert.equal(item.contentcreated, at(0));
    assert.equal(item.standard.name, 'ninjs');
    assert.match(item.standard.version, /^2\./);
    assert.deepEqual(item.headlines, [{ role: 'main', contenttype: 'text/plain', value: 'Turbines & tides' }]);
    assert.deepEqual(item.descriptions[0], { role: 'summary', contenttype: 'text/plain', value: 'A summary.' });
    assert.equal(item.bodies[0].contenttype, 'text/html');
    assert.match(item.bodies[0].value, new RegExp(`href="${SITE}/sector/energy"`), 'links made absolute');
    assert.equal(item.bodies[0].wordcount, 3);
    assert.equal(item.by, 'Asha Rao and Ben Ode');
    assert.equal(item.located, 'New Delhi');
    assert.deepEqual(item.genres, [{ name: 'News', literal: 'news' }]);
    assert.deepEqual(item.subjects, [
      { name: 'Energy', uri: `${SITE}/sector/energy`, literal: 'sector:energy' },
      { name: 'Health', uri: `${SITE}/sector/health`, literal: 'sector:health' },
      { name: 'India', uri: `${SITE}/country/india`, literal: 'country:IN' },
      { name: 'Pakistan', uri: `${SITE}/country/pakistan`, literal: 'country:PK' },
    ]);
    assert.deepEqual(item.places, [
      { name: 'India', uri: `${SITE}/country/india`, literal: 'IN' },
      { name: 'Pakistan', uri: `${SITE}/country/pakistan`, literal: 'PK' },
    ]);
    assert.deepEqual(item.infosources, [{ name: 'Example Wire', role: 'http://cv.iptc.org/newscodes/infosourcerole/originfo' }]);
    assert.deepEqual(item.altids, [{ role: 'source:Example Wire', value: 'urn:ex:1@3' }]);
    assert.equal(item.renditions[0].href, `${SITE}/article/${s.full.id}-${s.full.slug}`);

    // AI involvement: IPTC's digital source type, and trust indicators naming it.
    assert.equal(item.digitalsourcetype.uri, iptcSourceTypeUri('compositeWithTrainedAlgorithmicMedia'));
    assert.deepEqual(
      item.trustindicators.map((t: Json) => t.role),
      ['urn:wiredesk:ai-involvement:assisted', 'urn:wiredesk:ai-involvement:human-reviewed', 'urn:wiredesk:desk:edited'],
    );
    assert.deepEqual(
      item.descriptions.map((d: Json) => d.role),
      ['summary', 'credit', 'disclosure'],
    );

    // The hero image: an association with its digital source type and WebP renditions.
    assert.equal(item.associations.length, 1);
    const picture = item.associations[0];
    assert.equal(picture.name, 'hero');
    assert.equal(picture.type, 'picture');
    assert.ok(picture.uri);
    assert.deepEqual(picture.digitalsourcetype, { uri: iptcSourceTypeUri('trainedAlgorithmicMedia'), name: 'Created by a generative AI model' });
    assert.equal(picture.by, 'Illustration: Desk');
    assert.match(picture.descriptions.find((d: Json) => d.role === 'caption').value, /not a photograph/);
    assert.equal(picture.descriptions.find((d: Json) => d.role === 'alternative').value, 'A drawing of a turbine');
    const w640 = picture.renditions.find((r: Json) => r.name === 'w640');
    assert.deepEqual(w640, { name: 'w640', href: `${SITE}/media/640/hero/robot.png.webp`, contenttype: 'image/webp', width: 640, height: 360 });
    assert.ok(picture.renditions.every((r: Json) => r.href.startsWith(`${SITE}/media/`)));
  });

  it('a story without AI says so, and has no digital source type of its own', async () => {
    const item = (await get(`/api/v1/items/${s.s1.id}`)).json() as Json;
    assert.equal(item.digitalsourcetype, undefined);
    assert.deepEqual(
      item.trustindicators.map((t: Json) => t.role),
      ['urn:wiredesk:ai-involvement:none', 'urn:wiredesk:ai-involvement:human-reviewed'],
    );
    assert.deepEqual(item.associations, []);
  });

  it('answers 404 for unknown, malformed and never-published ids, 410 for a withdrawn story', async () => {
    for (const url of ['/api/v1/items/999999', '/api/v1/items/abc', `/api/v1/items/${s.draft.id}`, '/api/v1/items/0']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.ok((res.json() as Json).error, url);
    }
    const gone = await get(`/api/v1/items/${s.withdrawn.id}`);
    assert.equal(gone.statusCode, 410);
    assert.ok((gone.json() as Json).error);
    const elsewhere = await get('/api/v1/nothing-here');
    assert.equal(elsewhere.statusCode, 404);
    assert.match(String(elsewhere.headers['content-type']), /^application\/json/);
  });

  it('lists published stories by last change, newest first', async () => {
    const res = await get('/api/v1/items');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = res.json() as Json;
    assert.deepEqual(ids(body), [s.s4.id, s.s3.id, s.s2.id, s.s1.id, s.full.id]);
    assert.equal(body.next, null);
    assert.equal(body.items[0].headlines[0].value, 'Changed last');
    assert.equal(body.items[0].version, '2');
  });

  it('filters by kind, edition, sector, country (code or slug) and updated-since', async () => {
    const list = async (query: string) => ids((await get(`/api/v1/items?${query}`)).json() as Json);
    assert.deepEqual(await list('kind=news'), [s.s4.id, s.s3.id, s.s1.id, s.full.id]);
    assert.deepEqual(await list('kind=opinion'), [s.s2.id]);
    assert.deepEqual(await list('kind=opinion,news&limit=3'), [s.s4.id, s.s3.id, s.s2.id]);
    assert.deepEqual(await list('edition=south-asia'), [s.s3.id]);
    assert.deepEqual(await list('sector=health'), [s.s4.id, s.s1.id, s.full.id]);
    assert.deepEqual(await list('country=PK'), [s.s3.id, s.full.id]);
    assert.deepEqual(await list('country=pk'), [s.s3.id, s.full.id]);
    assert.deepEqual(await list('country=pakistan'), [s.s3.id, s.full.id]);
    assert.deepEqual(await list(`updated-since=${encodeURIComponent(at(3))}`), [s.s4.id, s.s3.id]);
    // The same instant written with an offset (its "+" unencoded, as people type it).
    assert.deepEqual(await list('updated-since=2026-11-01T05:33:00+05:30'), [s.s4.id, s.s3.id]);
    assert.deepEqual(await list('sector=health&country=IN&kind=news&updated-since=2026-11-01T00:02:00Z'), [s.s4.id]);
  });

  it('pages with an opaque cursor: a next link (body and Link header) until the end, nothing twice', async () => {
    const seen: number[] = [];
    let url: string | null = '/api/v1/items?limit=2';
    let pages = 0;
    while (url) {
      const res = await get(url.replace(SITE, ''));
      assert.equal(res.statusCode, 200, url);
      const body = res.json() as Json;
      assert.ok(body.items.length <= 2);
      seen.push(...ids(body));
      if (body.next) {
        assert.match(body.next, new RegExp(`^${SITE}/api/v1/items\\?limit=2&cursor=`));
        assert.equal(res.headers.link, `<${body.next}>; rel="next"`);
      } else assert.equal(res.headers.link, undefined);
      url = body.next;
      pages += 1;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, [s.s4.id, s.s3.id, s.s2.id, s.s1.id, s.full.id]);

    // Filters travel with the cursor.
    const first = (await get('/api/v1/items?kind=news&limit=1')).json() as Json;
    const second = (await get(String(first.next).replace(SITE, ''))).json() as Json;
    assert.deepEqual(ids(second), [s.s3.id]);
  });

  it('refuses bad parameters with 400 and a JSON list of problems', async () => {
    const cases: [string, RegExp][] = [
      ['limit=0', /^limit: /],
      ['limit=101', /^limit: /],
      ['limit=ten', /^limit: /],
      ['kind=gossip', /^kind: /],
      ['edition=atlantis', /^edition: no edition "atlantis"/],
      ['sector=gossip', /^sector: no sector/],
      ['country=XX', /^country: no country "XX"/],
      ['updated-since=yesterday', /^updated-since: /],
      ['updated-since=2026-13-45T00:00:00Z', /^updated-since: /],
      ['cursor=not-a-cursor', /^cursor: /],
      ['limit=1&limit=2', /^limit: give limit once/],
      ['page=2', /unknown parameter "page"/],
    ];
    for (const [query, problem] of cases) {
      const res = await get(`/api/v1/items?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.match(String(res.headers['content-type']), /^application\/json/, query);
      assert.equal(res.headers['cache-control'], 'no-store', query);
      const body = res.json() as Json;
      assert.equal(body.error, 'Invalid query parameters', query);
      assert.ok(
        body.problems.some((p: string) => problem.test(p)),
        `${query}: ${JSON.stringify(body.problems)}`,
      );
    }
  });

  it('is cacheable: public max-age, an ETag, and 304 when it matches', async () => {
    for (const url of ['/api/v1/items?kind=news', `/api/v1/items/${s.s1.id}`]) {
      const res = await get(url);
      assert.match(String(res.headers['cache-control']), /^public, max-age=\d+/);
      const etag = String(res.headers.etag);
      assert.match(etag, /^W\/".+"$/);
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
      const other = await get(url, { 'if-none-match': 'W/"something-else"' });
      assert.equal(other.statusCode, 200, url);
    }
    // A change makes a new tag.
    const before = String((await get(`/api/v1/items/${s.s1.id}`)).headers.etag);
    await editArticle(store.db, s.s1.id, { standfirst: 'Changed summary.' }, { actor: testActor('t'), now: at(1) });
    const after = await get(`/api/v1/items/${s.s1.id}`, { 'if-none-match': before });
    assert.equal(after.statusCode, 200);
    assert.notEqual(after.headers.etag, before);
  });
});
