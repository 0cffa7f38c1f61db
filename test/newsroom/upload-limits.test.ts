import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { getArticle } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

const BOUNDARY = '----wdlimits';
const MB = 1024 * 1024;

/** A multipart body's start: the CSRF field, then a file part's head and some of its bytes. */
const bodyStart = (csrf: string, fileBytes = 4096) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    Buffer.alloc(fileBytes, 7),
  ]);

/**
 * Sends a request's head, announcing `contentLength` bytes, and only `start` of its body, then
 * waits (at most 5 s) for the answer. An answer at all means the server did not wait for the body.
 */
function partialRequest(
  port: number,
  url: string,
  contentLength: number,
  start: Buffer,
  cookie = '',
): Promise<{ status: number; head: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`no answer within 5 s to ${url}: the server waited for the body`)), 5_000);
    const finish = (error: Error | null, closed = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      if (error && !status) return reject(error);
      resolve({ status, head: received.split('\r\n\r\n')[0]!, closed });
    };
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('end', () => finish(null, true));
    socket.on('error', (error) => finish(error, true));
    socket.on('connect', () => {
      socket.write(
        `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${contentLength}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`,
      );
      socket.write(start);
    });
  });
}

describeEachDatabase('newsroom uploads: refused before the body is read', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let port: number;
  let editor: DeskUser;
  let png: Buffer;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
    png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
  });

  const tmpFiles = () => (fs.existsSync(path.join(testDb.dataDir, 'tmp')) ? fs.readdirSync(path.join(testDb.dataDir, 'tmp')) : []);

  it('answers a multipart POST to the sign-in form at once, unread, and closes the connection', async () => {
    const res = await partialRequest(port, '/newsroom/sign-in', 14 * MB, bodyStart('anything'));
    assert.equal(res.status, 415);
    assert.match(res.head, /connection: close/i);
    assert.ok(res.closed, 'the server closed the connection instead of reading the rest');
  });

  it('answers an upload without a session at once, unread', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const res = await partialRequest(port, `/newsroom/articles/${article.id}/hero`, 10 * MB, bodyStart('anything'));
    assert.equal(res.status, 403);
    assert.ok(res.closed);
  });

  it('answers an upload whose Content-Length is over the limit with 413 before reading it', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const s = await editor.session();
    const res = await partialRequest(port, `/newsroom/articles/${article.id}/hero`, 40 * MB, bodyStart(s.csrf), s.cookie);
    assert.equal(res.status, 413);
    assert.ok(res.closed);
  });

  it('answers an upload with a wrong CSRF token once the token is read, not after the file', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const s = await editor.session();
    const res = await partialRequest(port, `/newsroom/articles/${article.id}/hero`, 10 * MB, bodyStart('not the token'), s.cookie);
    assert.equal(res.status, 403);
    assert.ok(res.closed);
    assert.deepEqual(tmpFiles(), []);
  });

  it('refuses multipart on a signed-in route that takes no files, unread', async () => {
    const s = await editor.session();
    const res = await partialRequest(port, '/newsroom/articles', 10 * MB, bodyStart(s.csrf), s.cookie);
    assert.equal(res.status, 415);
    assert.ok(res.closed);
  });

  it('refuses a role that may not make the upload, unread', async () => {
    const writer = await (await deskUser(store.db, 'writer')).session();
    const res = await partialRequest(port, '/newsroom/settings/logo', 10 * MB, bodyStart(writer.csrf), writer.cookie);
    assert.equal(res.status, 403);
  });

  it('answers a truncated multipart body with 400 and stores nothing', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const s = await editor.session();
    const truncated = Buffer.concat([bodyStart(s.csrf, 0), png.subarray(0, 500)]); // no closing boundary
    const res = await app.inject({
      method: 'POST',
      url: `/newsroom/articles/${article.id}/hero`,
      payload: truncated,
      headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(res.statusCode, 400, res.body.slice(0, 300));
    assert.match(res.body, /cut off/);
    assert.equal((await getArticle(store.db, article.id))!.hero, null);
    assert.deepEqual(tmpFiles(), []);
  });

  it('streams a real upload through a temporary file that is gone afterwards, over a real socket too', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const s = await editor.session();
    const form = new FormData();
    form.append('_csrf', s.csrf);
    form.append('file', new Blob([new Uint8Array(png)]), 'photo.png');
    form.append('altText', 'A green field');
    const res = await fetch(`http://127.0.0.1:${port}/newsroom/articles/${article.id}/hero`, {
      method: 'POST',
      body: form,
      headers: { cookie: s.cookie },
      redirect: 'manual',
    });
    assert.equal(res.status, 303, (await res.text()).slice(0, 300));
    const hero = (await getArticle(store.db, article.id))!.hero!;
    assert.deepEqual([hero.width, hero.height, hero.altText], [300, 200, 'A green field']);
    assert.ok(fs.existsSync(path.join(testDb.dataDir, 'media', hero.file)));
    assert.deepEqual(tmpFiles(), []);
  });

  it('saves an author profile with a photo, and one sent with an empty file field as browsers do', async () => {
    const admin = await (await deskUser(store.db, 'admin')).session();
    const send = (name: string, photo: Buffer, filename: string) => {
      const form = new FormData();
      form.append('_csrf', admin.csrf);
      form.append('name', name);
      form.append('bio', 'Covers the harbour.');
      form.append('links', '');
      form.append('userId', '');
      form.append('photo', new Blob([new Uint8Array(photo)]), filename);
      return fetch(`http://127.0.0.1:${port}/newsroom/authors`, { method: 'POST', body: form, headers: { cookie: admin.cookie }, redirect: 'manual' });
    };
    const withPhoto = await send('Ada Harbour', png, 'ada.png');
    assert.equal(withPhoto.status, 303, (await withPhoto.text()).slice(0, 300));
    const page = await app.inject({ url: withPhoto.headers.get('location')!, headers: { cookie: admin.cookie } });
    assert.match(page.body, /<img src="\/media\/320\/uploads\//);
    const without = await send('Bo Quay', Buffer.alloc(0), '');
    assert.equal(without.status, 303, (await without.text()).slice(0, 300));
    assert.deepEqual(tmpFiles(), []);
  });
});
