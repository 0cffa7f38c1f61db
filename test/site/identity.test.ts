import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { Store } from '../../src/db/connect.js';
import { updateSiteSettings } from '../../src/content/settings.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { deskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('the site’s identity', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
    await updateSiteSettings(store.db, { siteName: 'Daily Wire', tagline: 'News from every region' }, testActor());
  });

  it('serves a favicon.ico with 16, 32 and 48 px PNG images, an apple-touch-icon, icons and a web manifest', async () => {
    const ico = await app.inject('/favicon.ico');
    assert.equal(ico.statusCode, 200);
    assert.equal(ico.headers['content-type'], 'image/x-icon');
    const data = ico.rawPayload;
    assert.deepEqual([data.readUInt16LE(0), data.readUInt16LE(2), data.readUInt16LE(4)], [0, 1, 3]);
    for (let i = 0; i < 3; i++) {
      const size = data.readUInt8(6 + 16 * i);
      const png = data.subarray(data.readUInt32LE(6 + 16 * i + 12), data.readUInt32LE(6 + 16 * i + 12) + data.readUInt32LE(6 + 16 * i + 8));
      const meta = await sharp(png).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', size, size]);
    }
    const touch = await sharp((await app.inject('/apple-touch-icon.png')).rawPayload).metadata();
    assert.deepEqual([touch.width, touch.height, touch.hasAlpha], [180, 180, false]);
    const manifest = (await app.inject('/site.webmanifest')).json() as { name: string; icons: { src: string; sizes: string }[] };
    assert.equal(manifest.name, 'Daily Wire');
    for (const icon of manifest.icons) {
      const meta = await sharp((await app.inject(icon.src)).rawPayload).metadata();
      assert.equal(`${meta.width}x${meta.height}`, icon.sizes);
    }
  });

  it('gives pages without a picture a 1200×630 share image, a raster logo in JSON-LD, and OpenSearch', async () => {
    const front = (await app.inject('/')).body;
    assert.match(
      front,
      /<meta property="og:image" content="https:\/\/news\.example\.org\/share-image\.png"\/><meta property="og:image:width" content="1200"\/><meta property="og:image:height" content="630"\/>/,
    );
    const share = await sharp((await app.inject('/share-image.png')).rawPayload).metadata();
    assert.deepEqual([share.format, share.width, share.height], ['png', 1200, 630]);
    assert.match(front, /"logo":\{"@type":"ImageObject","url":"https:\/\/news\.example\.org\/icons\/icon-512\.png","width":512,"height":512\}/);
    assert.match(front, /<link rel="search" type="application\/opensearchdescription\+xml" title="Daily Wire" href="\/opensearch\.xml"\/>/);
    const open = (await app.inject('/opensearch.xml')).body;
    assert.match(open, /<Url type="text\/html" method="get" template="https:\/\/news\.example\.org\/search\?q=\{searchTerms\}"\/>/);
  });

  it('makes the icons from a logo an admin uploads', async () => {
    const admin = await (await deskUser(store.db, 'admin')).session();
    const logo = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const boundary = '----wd';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      logo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/newsroom/settings/logo',
      payload: body,
      headers: { cookie: admin.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    assert.equal(res.statusCode, 303);
    const icon = await sharp((await app.inject('/icons/icon-192.png')).rawPayload)
      .raw()
      .toBuffer({ resolveWithObject: true });
    assert.deepEqual([...icon.data.subarray(0, 3)], [255, 0, 0], 'the logo, not the bundled mark');
  });
});
