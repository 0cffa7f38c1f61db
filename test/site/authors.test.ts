import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../src/content/audit.js';
import { unpublishArticle } from '../../src/content/lifecycle.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath } from '../../src/presentation/urls.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { deskUser, get, post } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('authors', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
  });

  it('links each byline to the author’s page, which lists their published stories and has a feed', async () => {
    const one = await addStory(store.db, {
      kind: 'opinion',
      headline: 'Why Ferries Matter',
      byline: {
        authors: [
          { name: 'Asha Rao', userId: null },
          { name: 'Tomás Berg', userId: null },
        ],
      },
    });
    const two = await addStory(store.db, { headline: 'A Second Piece by Asha', byline: { authors: [{ name: 'Asha Rao', userId: null }] } });
    const page = (await app.inject(articlePath(one))).body;
    assert.match(page, /<a href="\/author\/asha-rao" rel="author">Asha Rao<\/a> and <a href="\/author\/tomas-berg" rel="author">Tomás Berg<\/a>/);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);
    assert.deepEqual(
      ld.author.map((a: { url: string }) => a.url),
      ['https://news.example.org/author/asha-rao', 'https://news.example.org/author/tomas-berg'],
    );

    const listing = await app.inject('/author/asha-rao');
    assert.equal(listing.statusCode, 200);
    assert.match(listing.body, /<h1>Asha Rao<\/h1>/);
    assert.match(listing.body, /A Second Piece by Asha[\s\S]*Why Ferries Matter/);
    const rss = await app.inject('/author/asha-rao/rss.xml');
    assert.equal(rss.statusCode, 200);
    assert.match(rss.body, /<title>Why Ferries Matter<\/title>/);
    assert.equal((await app.inject('/author/nobody-here')).statusCode, 404);
    assert.equal((await app.inject('/author/..%2Fetc')).statusCode, 404);

    await unpublishArticle(store.db, two.id, { actor: testActor() });
    assert.doesNotMatch((await app.inject('/author/asha-rao')).body, /A Second Piece by Asha/, 'taken-down stories leave the page');
  });

  it('keeps a profile (bio, links, newsroom user) that the author page shows, audited', async () => {
    const editor = await deskUser(store.db, 'editor');
    const e = await editor.session();
    const saved = await post(
      app,
      '/newsroom/authors',
      {
        name: 'Asha Rao',
        slug: '',
        bio: 'Asha Rao covers transport and cities from Pune.',
        links: 'Mastodon | https://social.example/@asha',
        userId: String(editor.id),
      },
      e,
    );
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/newsroom/authors/asha-rao');
    const page = (await app.inject('/author/asha-rao')).body;
    assert.match(page, /Asha Rao covers transport and cities from Pune\./);
    assert.match(page, /<a href="https:\/\/social\.example\/@asha">Mastodon<\/a>/);
    assert.match(page, /"@type":"ProfilePage"/);
    assert.match((await get(app, '/newsroom/authors', e)).body, /Asha Rao/);
    assert.equal((await listAudit(store.db, { action: 'author.save' }))[0]!.actor, editor.email);
    const bad = await post(app, '/newsroom/authors', { name: 'X', links: 'Site | javascript:alert(1)' }, e);
    assert.equal(bad.statusCode, 422);
    const writer = await deskUser(store.db, 'writer');
    assert.equal((await get(app, '/newsroom/authors', await writer.session())).statusCode, 403);
  });
  it('gives names in other scripts pages of their own, and a profile keeps its page, photo and stories', async () => {
    const hindi = await addStory(store.db, { headline: 'A Story by Rahul', byline: { authors: [{ name: 'राहुल शर्मा', userId: null }] } });
    const chinese = await addStory(store.db, { headline: 'A Story by Wang', byline: { authors: [{ name: '王伟', userId: null }] } });
    const hrefOf = async (a: typeof hindi) => /<a href="(\/author\/[^"]+)" rel="author">/.exec((await app.inject(articlePath(a))).body)![1]!;
    const [one, two] = [await hrefOf(hindi), await hrefOf(chinese)];
    assert.match(one, /^\/author\/author-[0-9a-f]{12}$/);
    assert.notEqual(one, two, 'two authors, two pages');
    assert.match((await app.inject(one)).body, /<h1>राहुल शर्मा<\/h1>[\s\S]*A Story by Rahul/);
    assert.doesNotMatch((await app.inject(one)).body, /A Story by Wang/);

    const editor = await deskUser(store.db, 'editor');
    const e = await editor.session();
    const saved = await post(app, '/newsroom/authors', { name: 'राहुल शर्मा', bio: 'Writes on rural credit.', links: '' }, e);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/newsroom/authors${one.slice('/author'.length)}`);
    assert.match(
      (await app.inject(one)).body,
      /Writes on rural credit\.[\s\S]*A Story by Rahul/,
      'the profile is on the page the byline links to, with the stories',
    );
    const missingUser = await post(app, '/newsroom/authors', { name: 'राहुल शर्मा', bio: 'x', userId: '99999999' }, e);
    assert.equal(missingUser.statusCode, 422);
    assert.match(missingUser.body, /no such newsroom user/);
  });
});
