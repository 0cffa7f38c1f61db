import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle, listRevisions } from '../../src/content/articles.js';
import { listAudit } from '../../src/content/audit.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import sharp from 'sharp';
import { saveEdition } from '../../src/content/taxonomy.js';
import { storeUploadedImage } from '../../src/content/uploads.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { deskUser, get, post, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('the article editor', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    await saveEdition(
      store.db,
      { slug: 'uk', name: 'UK', timeZone: 'Europe/London', locale: 'en-GB', tzAbbreviation: 'GMT', tzAbbreviationDst: 'BST', position: 2 },
      testActor(),
    );
    editor = await deskUser(store.db, 'editor');
  });

  const fields = {
    kind: 'news',
    headline: 'Monsoon Reaches Kerala',
    standfirst: 'Rain arrives early.',
    body: '<p>Rain.</p>',
    edition: 'south-asia',
    sectors: 'health',
    datelineCity: 'Kochi',
  };
  const idOf = (location: unknown) => Number(/\/newsroom\/articles\/(\d+)$/.exec(String(location))![1]);

  it('files countries picked by name under their ISO codes and shows them by name', async () => {
    const e = await editor.session();
    const created = await post(app, '/newsroom/articles', { ...fields, countryNames: 'India, Sri Lanka' }, e);
    assert.equal(created.statusCode, 303);
    const id = idOf(created.headers.location);
    assert.deepEqual((await getArticle(store.db, id))!.countries, ['IN', 'LK']);
    const page = (await get(app, `/newsroom/articles/${id}`, e)).body;
    assert.match(page, /<input type="checkbox" name="countries" value="IN" checked\/> <span>India<\/span>/);
    assert.match(page, /<datalist id="country-names">[\s\S]*<option value="Nepal" data-code="NP">/);

    // Unticking one and adding another by name; the ticked codes go on first.
    const a = (await getArticle(store.db, id))!;
    const saved = await post(app, `/newsroom/articles/${id}`, { ...fields, countries: ['LK'], countryNames: 'nepal', version: String(a.version) }, e);
    assert.equal(saved.statusCode, 303);
    assert.deepEqual((await getArticle(store.db, id))!.countries, ['LK', 'NP']);
  });

  it('refuses an unknown country name with 422, naming it and keeping what was typed', async () => {
    const e = await editor.session();
    const refused = await post(app, '/newsroom/articles', { ...fields, headline: 'Unsaved Story About Narnia', countryNames: 'India, Narnia' }, e);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /there is no country called (&quot;|&#34;)Narnia(&quot;|&#34;)/);
    assert.match(refused.body, /value="India, Narnia"/);
    assert.match(refused.body, /value="Unsaved Story About Narnia"/);
  });

  it('schedules in the edition’s zone and shows the scheduled time there, ready to change', async () => {
    const e = await editor.session();
    const a = await addStory(store.db, { edition: 'south-asia' }, { status: 'draft' });
    const res = await post(app, `/newsroom/articles/${a.id}/schedule`, { at: '2030-01-15T14:30' }, e);
    assert.equal(res.statusCode, 303);
    assert.equal((await getArticle(store.db, a.id))!.scheduledFor, '2030-01-15T09:00:00.000Z');
    const page = (await get(app, `/newsroom/articles/${a.id}`, e)).body;
    assert.match(page, /Scheduled to publish at 15-01-2030 14:30 IST \(South Asia, Asia\/Kolkata\), 2030-01-15 09:00 UTC/);
    assert.match(
      page,
      /<label for="at">Publish at \(South Asia, Asia\/Kolkata\)<\/label><input id="at" type="datetime-local" name="at" required value="2030-01-15T14:30"\/>/,
    );

    // Moved later by the same form.
    assert.equal((await post(app, `/newsroom/articles/${a.id}/schedule`, { at: '2030-01-15T18:00' }, e)).statusCode, 303);
    assert.equal((await getArticle(store.db, a.id))!.scheduledFor, '2030-01-15T12:30:00.000Z');
  });

  it('refuses a time the clocks skip with 422 and leaves the schedule as it was', async () => {
    const e = await editor.session();
    const a = await addStory(store.db, { edition: 'uk' }, { status: 'draft' });
    const res = await post(app, `/newsroom/articles/${a.id}/schedule`, { at: '2030-03-31T01:30' }, e);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /There is no 01:30 on 2030-03-31 in Europe\/London: the clocks go forward then\. Choose a time after the change, such as 02:30\./);
    assert.equal((await getArticle(store.db, a.id))!.status, 'draft');
  });

  it('lists the story’s sources with when each arrived, and removes one with a revision', async () => {
    const e = await editor.session();
    const a = await addStory(
      store.db,
      {
        sources: [
          { agency: 'Meridian', itemId: 'mer-1', version: 2 },
          { agency: 'Coastal Wire', itemId: 'cw-9', version: 1 },
        ],
      },
      { status: 'draft' },
    );
    await store.db
      .insertInto('wire_items')
      .values({
        agency: 'Meridian',
        item_id: 'mer-1',
        version: 2,
        version_time: '2026-11-01T04:00:00.000Z',
        status: 'usable',
        headline: 'h',
        payload: '{}',
        source: 'meridian',
        received_at: '2026-11-01T04:05:00.000Z',
        article_id: a.id,
      })
      .execute();
    const page = (await get(app, `/newsroom/articles/${a.id}`, e)).body;
    assert.doesNotMatch(page, /name="sources"/, 'no textarea of lines');
    assert.match(page, /<td[^>]*>Meridian<\/td><td[^>]*><code>mer-1<\/code><\/td><td[^>]*>2<\/td><td[^>]*>01-11-2026 04:05 UTC<\/td>/);
    assert.match(page, /<td[^>]*>Coastal Wire<\/td><td[^>]*><code>cw-9<\/code><\/td><td[^>]*>1<\/td><td[^>]*>not received by the wire desk<\/td>/);

    // Saving the form keeps the sources; the small form takes one off.
    const saved = await post(app, `/newsroom/articles/${a.id}`, { ...fields, headline: a.headline, countries: 'IN', version: String(a.version) }, e);
    assert.equal(saved.statusCode, 303);
    const kept = (await getArticle(store.db, a.id))!;
    assert.equal(kept.sources.length, 2);
    const removed = await post(
      app,
      `/newsroom/articles/${a.id}/sources/remove`,
      { agency: 'Coastal Wire', itemId: 'cw-9', itemVersion: '1', version: String(kept.version) },
      e,
    );
    assert.equal(removed.statusCode, 303);
    assert.deepEqual((await getArticle(store.db, a.id))!.sources, [{ agency: 'Meridian', itemId: 'mer-1', version: 2 }]);
    const [latest] = await listRevisions(store.db, a.id);
    assert.equal(latest!.summary, 'Removed the source Coastal Wire cw-9 v1');
    const audit = await listAudit(store.db, { limit: 5 });
    assert.ok(audit.some((x) => x.action === 'article.sources' && x.actor === editor.email));

    // A stale form is refused with 409 and nothing changes.
    const stale = await post(
      app,
      `/newsroom/articles/${a.id}/sources/remove`,
      { agency: 'Meridian', itemId: 'mer-1', itemVersion: '2', version: String(kept.version) },
      e,
    );
    assert.equal(stale.statusCode, 409);
    assert.equal((await getArticle(store.db, a.id))!.sources.length, 1);
  });

  it('picks the hero image on the picker page by search, returns to the editor, and sets its focal point', async () => {
    const e = await editor.session();
    const png = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const kite = await storeUploadedImage(store.db, testDb.dataDir, png, {
      altText: 'A kite',
      caption: 'Kite festival over Ahmedabad',
      credit: 'Desk',
      digitalSourceType: 'digitalCapture',
    });
    await storeUploadedImage(store.db, testDb.dataDir, png, {
      altText: 'A train',
      caption: 'Night train',
      credit: 'Desk',
      digitalSourceType: 'digitalCapture',
    });
    const a = await addStory(store.db, {}, { status: 'draft' });
    const editorPage = (await get(app, `/newsroom/articles/${a.id}`, e)).body;
    assert.match(editorPage, new RegExp(`<a href="/newsroom/articles/${a.id}/media">Choose a hero image`));
    assert.doesNotMatch(editorPage, /id="heroMediaId"/, 'no number to type');

    const picker = await get(app, `/newsroom/articles/${a.id}/media?q=kite`, e);
    assert.equal(picker.statusCode, 200);
    assert.match(picker.body, /Kite festival over Ahmedabad/);
    assert.doesNotMatch(picker.body, /Night train/);
    assert.match(picker.body, new RegExp(`<input type="hidden" name="mediaId" value="${kite.id}"/>`));
    assert.match(
      picker.body,
      new RegExp(`action="/newsroom/articles/${a.id}/hero" enctype="multipart/form-data"`),
      'upload in place, through the upload route',
    );

    const picked = await post(app, `/newsroom/articles/${a.id}/hero/pick`, { mediaId: String(kite.id) }, e);
    assert.equal(picked.statusCode, 303);
    assert.equal(picked.headers.location, `/newsroom/articles/${a.id}`);
    assert.equal((await getArticle(store.db, a.id))!.hero!.id, kite.id);
    assert.equal((await post(app, `/newsroom/articles/${a.id}/hero/pick`, { mediaId: '424242' }, e)).statusCode, 422);

    const page = (await get(app, `/newsroom/articles/${a.id}`, e)).body;
    assert.match(page, new RegExp(`<input type="hidden" name="heroMediaId" value="${kite.id}"/>`));
    assert.match(
      page,
      /<label for="focal-x">From the left \(0–1\)<\/label><input id="focal-x" name="x" type="number" min="0" max="1" step="0.01" required value="0.5"\/>/,
    );
    assert.equal((await post(app, `/newsroom/articles/${a.id}/hero/focal`, { x: '0.3', y: '0.2' }, e)).statusCode, 303);
    assert.deepEqual((await getArticle(store.db, a.id))!.hero!.focal, { x: 0.3, y: 0.2 });
    const refused = await post(app, `/newsroom/articles/${a.id}/hero/focal`, { x: '3', y: '' }, e);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /x is from 0 \(left\) to 1 \(right\)/);
    assert.deepEqual((await getArticle(store.db, a.id))!.hero!.focal, { x: 0.3, y: 0.2 });

    // A writer may not pick for someone else's story.
    const writer = await deskUser(store.db, 'writer');
    assert.equal((await get(app, `/newsroom/articles/${a.id}/media`, await writer.session())).statusCode, 403);
  });

  it('shows each editor who else has the story open, on the page and from the heartbeat', async () => {
    const a = await addStory(store.db, {}, { status: 'draft' });
    const other = await deskUser(store.db, 'editor', 'second');
    const first = await editor.session();
    assert.doesNotMatch((await get(app, `/newsroom/articles/${a.id}`, first)).body, /Also open in another editor/);
    const second = await other.session();
    const page = (await get(app, `/newsroom/articles/${a.id}`, second)).body;
    assert.match(page, /<div class="presence" aria-live="polite"[^>]*><p class="notice">Also open in another editor: editor \(seen \d\d:\d\d UTC\)/);
    const beat = await post(app, `/newsroom/articles/${a.id}/presence`, {}, first);
    assert.equal(beat.statusCode, 200);
    assert.deepEqual(
      beat.json().others.map((o: string) => o.replace(/ \(seen .*\)$/, '')),
      ['second'],
    );
    assert.equal((await post(app, `/newsroom/articles/${a.id}/presence`, {}, first, false)).statusCode, 403, 'the heartbeat carries the CSRF token');
  });
});
