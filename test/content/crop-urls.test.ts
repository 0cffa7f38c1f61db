import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { setHeroFocalPoint } from '../../src/content/hero-image.js';
import type { Media } from '../../src/content/media.js';
import { storeUploadedImage } from '../../src/content/uploads.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath, cropPath, cropVersion } from '../../src/presentation/urls.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

/*
 * A crop's address names the focal point it is cut around, so a cache (the browser's, a CDN's)
 * that keeps a crop for good never keeps an old cut under the address a page now shows.
 */

/** A wide grey picture, a red square near its left edge and a blue one near its right. */
async function twoSpots(): Promise<Buffer> {
  const spot = (background: string) =>
    sharp({ create: { width: 60, height: 60, channels: 3, background } })
      .png()
      .toBuffer();
  return sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#808080' } })
    .composite([
      { input: await spot('#ff0000'), left: 270, top: 470 },
      { input: await spot('#0000ff'), left: 2670, top: 470 },
    ])
    .png()
    .toBuffer();
}

/** How many clearly red and clearly blue pixels an image shows. */
async function colours(image: Buffer) {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  let blue = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (data[i]! > 200 && data[i + 1]! < 60 && data[i + 2]! < 60) red++;
    if (data[i + 2]! > 200 && data[i]! < 60 && data[i + 1]! < 60) blue++;
  }
  return { red, blue, size: `${info.width}x${info.height}` };
}

describeEachDatabase('crop addresses follow the focal point', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
  });

  /** The square crop's address as the story's page shows it (its JSON-LD), without the site's origin. */
  async function squareCropOnPage(article: { id: number; slug: string }): Promise<string> {
    const html = (await app.inject(articlePath(article))).body;
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    const square = (ld.image as { url: string; width: number; height: number }[]).find((i) => i.width === 1200 && i.height === 1200)!;
    return new URL(square.url).pathname;
  }

  it('moving the focal point changes the address, the new address serves the new cut, and the old ones still answer', async () => {
    const image = await storeUploadedImage(store.db, testDb.dataDir, await twoSpots(), {
      altText: 'Two squares',
      caption: '',
      credit: '',
      digitalSourceType: 'digitalCapture',
    });
    const article = await addStory(store.db, { heroMediaId: image.id });

    await setHeroFocalPoint(store.db, article.id, { x: 0.1, y: 0.5 }, { actor: testActor() });
    const first = await squareCropOnPage(article);
    assert.equal(first, `/media/1200x1200/${image.file}~f100-500.webp`);
    const left = await app.inject(first);
    assert.equal(left.statusCode, 200);
    assert.equal(left.headers['cache-control'], 'public, max-age=31536000, immutable');
    const l = await colours(left.rawPayload);
    assert.ok(l.size === '1200x1200' && l.red > 1000 && l.blue === 0, `cut around the left: ${JSON.stringify(l)}`);

    await setHeroFocalPoint(store.db, article.id, { x: 0.9, y: 0.5 }, { actor: testActor() });
    const second = await squareCropOnPage(article);
    assert.equal(second, `/media/1200x1200/${image.file}~f900-500.webp`, 'the page shows the new address at once');
    const right = await app.inject(second);
    assert.equal(right.statusCode, 200);
    assert.equal(right.headers['cache-control'], 'public, max-age=31536000, immutable');
    const r = await colours(right.rawPayload);
    assert.ok(r.blue > 1000 && r.red === 0, `cut around the right: ${JSON.stringify(r)}`);

    // The address of the old point sends on to the new one; it is not kept for good.
    const stale = await app.inject(first);
    assert.equal(stale.statusCode, 302);
    assert.equal(stale.headers.location, second);
    assert.equal(stale.headers['cache-control'], 'public, max-age=300');
    // An address of before versions serves the current cut, kept five minutes only.
    const unversioned = await app.inject(`/media/1200x1200/${image.file}.webp`);
    assert.equal(unversioned.statusCode, 200);
    assert.equal(unversioned.headers['cache-control'], 'public, max-age=300');
    const u = await colours(unversioned.rawPayload);
    assert.ok(u.blue > 1000 && u.red === 0, `the current cut: ${JSON.stringify(u)}`);
    // A width is no crop: its address has no version and is kept for good.
    const width = await app.inject(`/media/640/${image.file}.webp`);
    assert.equal(width.statusCode, 200);
    assert.equal(width.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal((await app.inject(`/media/640/${image.file}~f900-500.webp`)).statusCode, 404);
  });

  it('names the version from the point as the cut rounds it, and "auto" without one', () => {
    const media = (focal: Media['focal']) => ({ file: 'uploads/2026/12/x.png', focal });
    assert.equal(cropVersion(null), 'auto');
    assert.equal(cropVersion({ x: 0.25, y: 0.7504 }), 'f250-750');
    assert.equal(cropPath(media(null), '16x9'), '/media/1200x675/uploads/2026/12/x.png~auto.webp');
    assert.equal(cropPath(media({ x: 0, y: 1 }), '4x3'), '/media/1200x900/uploads/2026/12/x.png~f0-1000.webp');
    assert.notEqual(cropPath(media({ x: 0.25, y: 0.75 }), '1x1'), cropPath(media({ x: 0.26, y: 0.75 }), '1x1'));
  });
});
