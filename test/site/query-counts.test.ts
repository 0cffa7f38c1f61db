import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { listArticles, type Article } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { seedDemo } from '../../src/demo/seed.js';
import { emitContentChange } from '../../src/content/events.js';
import { STORIES_KEY } from '../../src/content/surrogate-keys.js';
import { articlePath } from '../../src/presentation/urls.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';

/** Counts every statement the app sends. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * The uncached path stays lean: a page rendered from scratch just after a content change (the
 * page cache off, the lists pages share dropped; the side blocks and the directory loaded, as on
 * a running site) sends at most this many statements. The bounds are what the pages take now
 * (the article page took 20 and the front 72 before the stories of all lists were loaded
 * together); a new query per card or per list fails them.
 */
describeEachDatabase('queries per page', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const counter = new QueryCounter();
  let article: Article;

  before(async () => {
    store = await testDb.open();
    await seedDemo(store.db, { dataDir: testDb.dataDir });
    article = (await listArticles(store.db, { kind: 'news', limit: 1 })).items[0] as Article;
    app = await testApp(testDb, { ...store, db: store.db.withPlugin(counter) }, { PAGE_CACHE_MB: '0' });
    await app.changeListener.ready; // it drops every cache once listening
  });
  after(() => app.close());

  const bounds: [string, () => string, number][] = [
    ['article', () => articlePath(article), 9],
    ['front', () => '/', 24],
    ['edition front', () => '/edition/south-asia', 25],
    ['sector listing', () => '/sector/health', 4],
    ['country listing', () => '/country/india', 3],
    ['search', () => '/search?q=water', 5],
  ];
  for (const [name, url, bound] of bounds) {
    it(`${name}: at most ${bound} statements`, async () => {
      await app.inject(url()); // warms the directory and the side blocks
      // The lists pages share are kept 10 s and dropped by a change: count a render after one.
      emitContentChange([STORIES_KEY], 'local');
      await app.directory.get();
      const before = counter.count;
      const res = await app.inject(url());
      assert.equal(res.statusCode, 200);
      const used = counter.count - before;
      assert.ok(used <= bound, `${name} sent ${used} statements`);
    });
  }
});
