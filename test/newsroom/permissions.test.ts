import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listRevisions } from '../../src/content/articles.js';
import type { UserRole } from '../../src/content/users.js';
import type { Store } from '../../src/db/connect.js';
import { can, permissionTable, type Permission } from '../../src/newsroom/permissions.js';
import { testApp } from '../helpers/app.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, smallTaxonomy, testActor } from '../helpers/fixtures.js';
import { deskUser, get, post, type DeskUser } from './desk.js';
import { editArticle, publishArticle } from '../../src/content/lifecycle.js';

const roles: UserRole[] = ['admin', 'editor', 'writer'];

describeEachDatabase('newsroom permissions', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const users = {} as Record<UserRole, DeskUser>;

  before(async () => {
    store = await testDb.open();
    await smallTaxonomy(store.db);
    for (const role of roles) users[role] = await deskUser(store.db, role);
    app = await testApp(testDb, store);
  });
  after(() => app.close());

  it('every newsroom route declares a permission from the one table', () => {
    const desk = app.routeTable.filter((r) => r.url.startsWith('/newsroom') && r.method !== 'HEAD');
    assert.ok(desk.length >= 15, `${desk.length} routes`);
    for (const r of desk) {
      assert.ok(r.permission, `${r.method} ${r.url} declares no permission`);
      assert.ok(r.permission === 'public' || r.permission in permissionTable, `${r.method} ${r.url}: unknown permission ${r.permission}`);
    }
  });

  it('walks every route with every role and signed out, and gets the declared answer', async () => {
    const desk = app.routeTable.filter((r) => r.url.startsWith('/newsroom') && r.method !== 'HEAD' && r.permission !== 'public');
    for (const route of desk) {
      for (const who of [...roles, 'signed out'] as const) {
        // A fresh draft of the writer's for every call, published where a route needs revisions.
        const article = await addStory(store.db, { createdBy: users.writer.id }, { status: 'draft' });
        let revision = 0;
        if (route.url.endsWith('/correct')) await publishArticle(store.db, article.id, { actor: testActor('t') });
        if (route.url.includes(':revision')) {
          await publishArticle(store.db, article.id, { actor: testActor('t') });
          await editArticle(store.db, article.id, { headline: 'Changed' }, { actor: testActor('t') });
          revision = (await listRevisions(store.db, article.id)).at(-1)!.id;
        }
        const target = route.url.startsWith('/newsroom/users/') ? (await deskUser(store.db, 'writer', 'target')).id : article.id;
        const url = route.url.replace(':id', String(target)).replace(':revision', String(revision)).replace(':slug', 'about');
        const session = who === 'signed out' ? undefined : await users[who].session();
        const articleFields = { kind: 'news', headline: 'Walker', edition: 'global' };
        const fields: Record<string, string> = route.url.endsWith('/schedule')
          ? { at: '2099-01-01T10:00' }
          : route.url.endsWith('/correct')
            ? { note: 'A correction.' }
          : route.url === '/newsroom/articles'
            ? articleFields
            : route.url === '/newsroom/articles/:id'
              ? { ...articleFields, version: String(article.version) }
              : {};
        const res = route.method === 'GET' ? await get(app, url, session) : await post(app, url, fields, session);
        const label = `${route.method} ${route.url} as ${who}: ${res.statusCode}`;
        if (who === 'signed out') {
          if (route.method === 'GET') {
            assert.equal(res.statusCode, 303, label);
            assert.match(res.headers.location as string, /^\/newsroom\/sign-in\?next=/, label);
          } else assert.equal(res.statusCode, 403, label);
        } else if (!can(who, route.permission as Permission)) {
          assert.equal(res.statusCode, 403, label);
        } else {
          // Allowed: anything but a refusal or a failure (422 = the gate was passed, the input was not complete).
          assert.ok(res.statusCode !== 403 && res.statusCode !== 401 && res.statusCode < 500, label);
        }
      }
    }
  });

  it('a writer edits only their own drafts', async () => {
    const other = await addStory(store.db, { createdBy: users.editor.id }, { status: 'draft' });
    const own = await addStory(store.db, { createdBy: users.writer.id }, { status: 'draft' });
    const writer = await users.writer.session();
    assert.equal((await get(app, `/newsroom/articles/${other.id}`, writer)).statusCode, 403);
    assert.equal((await get(app, `/newsroom/articles/${own.id}`, writer)).statusCode, 200);
    await publishArticle(store.db, own.id, { actor: testActor('t') });
    assert.equal((await get(app, `/newsroom/articles/${own.id}`, writer)).statusCode, 403, 'not once it is published');
  });

  it('a writer cannot publish: the button is absent and the request is refused', async () => {
    const own = await addStory(store.db, { createdBy: users.writer.id }, { status: 'draft' });
    const writer = await users.writer.session();
    const page = (await get(app, `/newsroom/articles/${own.id}`, writer)).body;
    assert.match(page, /Submit for review/);
    assert.doesNotMatch(page, /Publish now/);
    assert.equal((await post(app, `/newsroom/articles/${own.id}/publish`, {}, writer)).statusCode, 403);
  });
});
