import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { smallTaxonomy } from '../helpers/fixtures.js';
import { deskUser, get, post, type DeskUser } from './desk.js';

describeEachDatabase('the article editor', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;

  before(async () => {
    store = await testDb.open();
    await smallTaxonomy(store.db);
    editor = await deskUser(store.db, 'editor');
    app = await testApp(testDb, store);
  });
  after(() => app.close());

  const fields = { kind: 'news', headline: 'Monsoon Reaches Kerala', standfirst: 'Rain arrives early.', body: '<p>Rain.</p>', edition: 'south-asia', sectors: 'health', datelineCity: 'Kochi' };
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
});
