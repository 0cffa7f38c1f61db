import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listRevisions } from '../../src/content/articles.js';
import type { UserRole } from '../../src/content/users.js';
import type { Store } from '../../src/db/connect.js';
import { can, permissionTable, type Permission } from '../../src/newsroom/permissions.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { deskUser, get, post, type DeskUser } from './desk.js';
import { editArticle, publishArticle } from '../../src/content/lifecycle.js';
import { submitFeedback } from '../../src/audience/feedback.js';
import { saveAuthor } from '../../src/content/authors.js';
import { requestSubscription } from '../../src/newsletter/subscribers.js';
import { addSubscription } from '../../src/webhooks/subscriptions.js';
import { addSource } from '../../src/wire/sources.js';
import { openSuite } from '../helpers/suite.js';

const roles: UserRole[] = ['admin', 'editor', 'writer'];

/**
 * What a role that may use a route gets from it, given what the walk sends (a writer's fresh
 * draft, the fields below, and a fresh source, webhook, message or subscriber where the path
 * names one): the page (200), the change made (303), or the refusal that input earns.
 */
const expectedStatus: Record<string, number> = {
  'GET /newsroom': 200,
  'GET /newsroom/articles': 200,
  'GET /newsroom/articles/new': 200,
  'GET /newsroom/articles/:id': 200,
  'GET /newsroom/articles/:id/preview': 200,
  'GET /newsroom/articles/:id/revisions': 200,
  'GET /newsroom/articles/:id/diff': 404, // no two revisions chosen
  'GET /newsroom/media': 200,
  'GET /newsroom/inbox': 200,
  'GET /newsroom/inbox/events': 200, // not an EventSource: the count once
  'GET /newsroom/inbox/items/:id/diff': 404, // the draft has no agency versions
  'GET /newsroom/inbox/:id/merge': 404, // not made from agency copy
  'GET /newsroom/notifications': 200,
  'GET /newsroom/front': 200,
  'GET /newsroom/authors': 200,
  'GET /newsroom/authors/:slug': 200,
  'GET /newsroom/audience': 200,
  'GET /newsroom/feedback': 200,
  'GET /newsroom/newsletter': 200,
  'GET /newsroom/newsletter/preview': 200,
  'GET /newsroom/newsletter/preview.txt': 200,
  'GET /newsroom/newsletter/subscribers': 200,
  'GET /newsroom/newsletter/subscribers.csv': 200,
  'GET /newsroom/export/articles.jsonl': 200,
  'GET /newsroom/export/audience.csv': 200,
  'GET /newsroom/users': 200,
  'GET /newsroom/settings': 200,
  'GET /newsroom/pages': 200,
  'GET /newsroom/pages/:slug': 200,
  'GET /newsroom/taxonomy': 200,
  'GET /newsroom/sources': 200,
  'GET /newsroom/sources/:id': 200,
  'GET /newsroom/webhooks': 200,
  'GET /newsroom/audit': 200,
  'POST /newsroom/sign-out': 303,
  'POST /newsroom/articles': 303,
  'POST /newsroom/articles/:id': 303,
  'POST /newsroom/articles/:id/autosave': 409, // no version sent: taken for a stale editor
  'POST /newsroom/articles/:id/delete': 303,
  'POST /newsroom/articles/:id/correct': 303,
  'POST /newsroom/articles/:id/submit': 303,
  'POST /newsroom/articles/:id/publish': 303,
  'POST /newsroom/articles/:id/schedule': 303,
  'POST /newsroom/articles/:id/schedule-embargo': 422, // no embargo
  'POST /newsroom/articles/:id/agency-update': 422, // no agency update waiting
  'POST /newsroom/articles/:id/agency-update/decline': 422,
  'POST /newsroom/articles/:id/regenerate-summary': 422, // no agency copy
  'POST /newsroom/articles/:id/unpublish': 422, // a draft, not published
  'POST /newsroom/articles/:id/draft': 422, // already a draft
  'POST /newsroom/articles/:id/revisions/:revision/restore': 303,
  'POST /newsroom/articles/:id/hero': 422, // no file
  'POST /newsroom/inbox/bulk': 422, // no action, no story chosen
  'GET /newsroom/articles/:id/media': 200,
  'POST /newsroom/articles/:id/sources/remove': 422, // names no source of the story
  'POST /newsroom/articles/:id/hero/pick': 303, // no image chosen: the hero is taken off
  'POST /newsroom/articles/:id/hero/focal': 422, // no hero image, no point
  'POST /newsroom/articles/:id/presence': 200,
  'POST /newsroom/inbox/:id/schedule-embargo': 422,
  'POST /newsroom/inbox/:id/regenerate-summary': 422,
  'POST /newsroom/inbox/:id/rewrite': 404, // no language model configured
  'POST /newsroom/inbox/:id/shot': 422, // no shot text
  'POST /newsroom/inbox/:id/split': 422, // no report chosen
  'POST /newsroom/inbox/:id/merge': 404, // not made from agency copy
  'POST /newsroom/notifications/read': 303,
  'POST /newsroom/notifications/email': 303,
  'POST /newsroom/front/:slug': 303, // no places filled: the pins are cleared
  'POST /newsroom/authors': 422, // no name
  'POST /newsroom/feedback/:id/read': 303,
  'POST /newsroom/feedback/:id/unread': 303,
  'POST /newsroom/feedback/:id/archive': 303,
  'POST /newsroom/feedback/:id/restore': 303,
  'POST /newsroom/newsletter/test': 200,
  'POST /newsroom/newsletter/schedule': 422, // no time given
  'POST /newsroom/newsletter/subscribers/:id/delete': 303,
  'POST /newsroom/users': 422, // no email, name or password
  'POST /newsroom/users/:id/role': 422, // no role
  'POST /newsroom/users/:id/disable': 303,
  'POST /newsroom/users/:id/enable': 303,
  'POST /newsroom/settings': 422, // no site name
  'POST /newsroom/settings/logo': 422, // no file
  'POST /newsroom/pages/:slug': 422, // no title
  'POST /newsroom/sectors': 422, // no slug or name
  'POST /newsroom/editions': 422,
  'POST /newsroom/sources': 422, // neither URL nor folder
  'POST /newsroom/sources/:id': 422, // the same
  'POST /newsroom/sources/:id/disable': 303,
  'POST /newsroom/sources/:id/enable': 303,
  'POST /newsroom/sources/:id/delete': 422, // not confirmed
  'POST /newsroom/webhooks': 422, // no URL
  'POST /newsroom/webhooks/:id/disable': 303,
  'POST /newsroom/webhooks/:id/enable': 303,
};
let made = 0;

describeEachDatabase('newsroom permissions', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const users = {} as Record<UserRole, DeskUser>;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    for (const role of roles) users[role] = await deskUser(store.db, role);
    await saveAuthor(store.db, { name: 'Walker Author', bio: '', links: [], photoMediaId: null, userId: null }, testActor('t'));
  });

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
        // What the path names: a fresh one of its kind, so a route that changes or deletes it can.
        const n = ++made;
        const target = route.url.startsWith('/newsroom/users/')
          ? (await deskUser(store.db, 'writer', 'target')).id
          : route.url.startsWith('/newsroom/sources/')
            ? (
                await addSource(
                  store.db,
                  {
                    name: `Walk ${n}`,
                    agency: 'walk',
                    url: `https://93.184.216.34/feed-${n}.xml`,
                    folder: null,
                    pollSeconds: 300,
                    edition: null,
                    sectors: [],
                    rule: 'inbox',
                  },
                  testActor('t'),
                )
              ).id
            : route.url.startsWith('/newsroom/webhooks/')
              ? (await addSubscription(store.db, { url: `https://93.184.216.34/hook-${n}`, events: ['publish'], description: '' }, testActor('t'))).subscription
                  .id
              : route.url.startsWith('/newsroom/feedback/')
                ? (await submitFeedback(store.db, { name: 'Reader', email: 'reader@example.org', message: `Message ${n}` })).id
                : route.url.startsWith('/newsroom/newsletter/subscribers/')
                  ? (await requestSubscription(store.db, { email: `walk-${n}@example.org` })).subscriber.id
                  : article.id;
        const slug = route.url.startsWith('/newsroom/authors/') ? 'walker-author' : route.url.startsWith('/newsroom/front/') ? 'global' : 'about';
        const url = route.url.replace(':id', String(target)).replace(':revision', String(revision)).replace(':slug', slug);
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
          const key = `${route.method} ${route.url}`;
          assert.ok(key in expectedStatus, `${key}: add the status an allowed role gets to expectedStatus`);
          assert.equal(res.statusCode, expectedStatus[key], label);
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
