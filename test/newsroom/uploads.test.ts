import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { getArticle } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser, type DeskUser } from './desk.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('newsroom image uploads', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let editor: DeskUser;
  let png: Buffer;

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    editor = await deskUser(store.db, 'editor');
    png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
  });

  async function upload(articleId: number, file: Buffer, name: string, fields: Record<string, string> = {}) {
    const s = await editor.session();
    const form = new FormData();
    form.append('_csrf', s.csrf);
    for (const [k, v] of Object.entries({
      altText: 'Farmers at a water pump',
      caption: 'A pump',
      credit: 'Jane Doe',
      digitalSourceType: 'digitalCapture',
      ...fields,
    }))
      form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file)]), name);
    return app.inject({ method: 'POST', url: `/newsroom/articles/${articleId}/hero`, payload: form, headers: { cookie: s.cookie } });
  }

  it('stores an uploaded photo as the hero image, reading its type from the content', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const res = await upload(article.id, png, 'holiday.jpg');
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const hero = (await getArticle(store.db, article.id))!.hero!;
    assert.equal(hero.mimeType, 'image/png');
    assert.match(hero.file, /^uploads\/\d{4}\/\d{2}\/[0-9a-f]{24}\.png$/);
    assert.deepEqual([hero.width, hero.height], [1200, 800]);
    assert.equal(hero.credit, 'Jane Doe');
    const derived = await app.inject(`/media/640/${hero.file}.webp`);
    assert.equal(derived.statusCode, 200);
  });

  it('refuses SVG, files that are not images, and uploads without alt text, saying why', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const svg = await upload(article.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'pic.png');
    assert.equal(svg.statusCode, 422);
    assert.match(svg.body, /SVG images are refused/);
    const text = await upload(article.id, Buffer.from('this is not an image at all'), 'photo.jpg');
    assert.equal(text.statusCode, 422);
    assert.match(text.body, /not an image we can read/);
    const noAlt = await upload(article.id, png, 'x.png', { altText: '' });
    assert.equal(noAlt.statusCode, 422);
    assert.match(noAlt.body, /alt text is required/);
    assert.equal((await getArticle(store.db, article.id))!.hero, null);
  });

  it('refuses an image of more than 40 megapixels, however small its file, saying so', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const big = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    assert.ok(big.length < 500_000);
    const res = await upload(article.id, big, 'poster.png');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /The image is 7000 × 7000 pixels \(49\.0 megapixels\); at most 40 megapixels are accepted\./);
    assert.equal((await getArticle(store.db, article.id))!.hero, null);
    // 40 megapixels exactly is accepted.
    const limit = await sharp({ create: { width: 8000, height: 5000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    assert.equal((await upload(article.id, limit, 'wide.png')).statusCode, 303);
    assert.deepEqual([(await getArticle(store.db, article.id))!.hero!.width, (await getArticle(store.db, article.id))!.hero!.height], [8000, 5000]);
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const article = await addStory(store.db, {}, { status: 'draft' });
    const res = await upload(article.id, Buffer.alloc(16 * 1024 * 1024, 1), 'huge.png');
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /larger than 15 MB/);
  });
});
