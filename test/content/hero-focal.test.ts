import assert from 'node:assert/strict';
import path from 'node:path';
import { before, it } from 'node:test';
import sharp from 'sharp';
import { getArticle } from '../../src/content/articles.js';
import { listAudit } from '../../src/content/audit.js';
import { chooseHeroImage, setHeroFocalPoint } from '../../src/content/hero-image.js';
import { getMedia, searchMedia } from '../../src/content/media.js';
import { storeUploadedImage } from '../../src/content/uploads.js';
import type { Store } from '../../src/db/connect.js';
import { focalCrop, imageDeriver } from '../../src/site/images.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

/** A wide grey picture with one red square whose centre is at (cx, cy) in pixels. */
async function pictureWithSpot(width: number, height: number, cx: number, cy: number): Promise<Buffer> {
  const spot = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .composite([{ input: spot, left: cx - 20, top: cy - 20 }])
    .png()
    .toBuffer();
}

describeEachDatabase('the hero image: picked, with a focal point every crop keeps', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  it('finds library images by caption, credit, alt text or file name, any case, wildcards as themselves', async () => {
    const png = await pictureWithSpot(200, 100, 100, 50);
    const harbour = await storeUploadedImage(store.db, testDb.dataDir, png, {
      altText: 'Boats',
      caption: 'Fishing boats in Kochi harbour',
      credit: 'Desk Photographer',
      digitalSourceType: 'digitalCapture',
    });
    const crowd = await storeUploadedImage(store.db, testDb.dataDir, png, {
      altText: 'A crowd',
      caption: '100% turnout_day',
      credit: 'Meridian Pictures',
      digitalSourceType: 'digitalCapture',
    });
    const ids = async (q: string) => (await searchMedia(store.db, q)).map((m) => m.id);
    assert.deepEqual(await ids('KOCHI harbour'), [harbour.id]);
    assert.deepEqual(await ids('meridian'), [crowd.id]);
    assert.deepEqual(await ids('a crowd'), [crowd.id]);
    assert.deepEqual(await ids(harbour.file.split('/').at(-1)!.slice(0, 10)), [harbour.id]);
    assert.deepEqual(await ids('100%'), [crowd.id]);
    assert.deepEqual(await ids('%'), [crowd.id]);
    assert.deepEqual(await ids('_'), [crowd.id]);
    assert.deepEqual(await ids('nothing like this'), []);
    assert.ok((await ids('')).includes(harbour.id));
  });

  it('makes a library image the hero with a revision, and refuses one that does not exist', async () => {
    const png = await pictureWithSpot(200, 100, 100, 50);
    const m = await storeUploadedImage(store.db, testDb.dataDir, png, { altText: 'x', caption: '', credit: '', digitalSourceType: 'digitalCapture' });
    const a = await addStory(store.db, {}, { status: 'draft' });
    assert.equal((await chooseHeroImage(store.db, a.id, m.id, { actor: testActor() })).hero!.id, m.id);
    await assert.rejects(chooseHeroImage(store.db, a.id, 999_999, { actor: testActor() }), /There is no image 999999 in the library/);
    assert.equal((await chooseHeroImage(store.db, a.id, null, { actor: testActor() })).hero, null);
  });

  it('stores the focal point on the media row, audited, and refuses one outside 0..1', async () => {
    const png = await pictureWithSpot(200, 100, 100, 50);
    const m = await storeUploadedImage(store.db, testDb.dataDir, png, { altText: 'x', caption: '', credit: '', digitalSourceType: 'digitalCapture' });
    const a = await addStory(store.db, { heroMediaId: m.id }, { status: 'draft' });
    await setHeroFocalPoint(store.db, a.id, { x: 0.25, y: 0.75 }, { actor: testActor('focal-setter') });
    assert.deepEqual((await getMedia(store.db, m.id))!.focal, { x: 0.25, y: 0.75 });
    assert.deepEqual((await getArticle(store.db, a.id))!.hero!.focal, { x: 0.25, y: 0.75 });
    assert.ok(
      (await listAudit(store.db, { limit: 5 })).some((e) => e.action === 'media.focal' && e.actor === 'focal-setter' && /0\.250, 0\.750/.test(e.detail)),
    );
    await assert.rejects(setHeroFocalPoint(store.db, a.id, { x: 1.5, y: 0.5 }, { actor: testActor() }), /x is from 0 \(left\) to 1 \(right\)/);
    await assert.rejects(setHeroFocalPoint(store.db, a.id, { x: Number.NaN, y: 0.5 }, { actor: testActor() }), /give x as a number/);
    assert.deepEqual((await getMedia(store.db, m.id))!.focal, { x: 0.25, y: 0.75 }, 'unchanged');
  });

  it('cuts every crop (16:9, 4:3, 1:1) around the focal point, keeping it in frame even near an edge', async () => {
    // A 3000×1000 picture with its subject far to the left, near the bottom.
    const png = await pictureWithSpot(3000, 1000, 300, 850);
    const m = await storeUploadedImage(store.db, testDb.dataDir, png, { altText: 'x', caption: '', credit: '', digitalSourceType: 'digitalCapture' });
    const a = await addStory(store.db, { heroMediaId: m.id }, { status: 'draft' });
    const deriver = imageDeriver(testDb.dataDir);
    /** How many red pixels the crop shows, and where their centre is. */
    const redIn = async (file: string) => {
      const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
      let red = 0;
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < data.length; i += info.channels) {
        if (data[i]! > 200 && data[i + 1]! < 60 && data[i + 2]! < 60) {
          red++;
          sx += (i / info.channels) % info.width;
          sy += Math.floor(i / info.channels / info.width);
        }
      }
      return { red, x: sx / red, y: sy / red };
    };
    await setHeroFocalPoint(store.db, a.id, { x: 0.1, y: 0.85 }, { actor: testActor() });
    for (const [w, h] of [
      [1200, 675],
      [1200, 900],
      [1200, 1200],
    ] as const) {
      const file = await deriver.derive((await getMedia(store.db, m.id))!, { width: w, height: h });
      const meta = await sharp(file).metadata();
      assert.deepEqual([meta.width, meta.height], [w, h]);
      const spot = await redIn(file);
      assert.ok(spot.red > 100, `${w}x${h}: the subject is in frame`);
      // Where the cut puts the point: the subject's centre is there (to a few pixels of resampling).
      const c = focalCrop(3000, 1000, w, h, { x: 0.1, y: 0.85 });
      assert.ok(
        Math.abs(spot.x - (300 / 3000) * c.scaledWidth + c.left) < 3 && Math.abs(spot.y - (850 / 1000) * c.scaledHeight + c.top) < 3,
        `${w}x${h}: the subject sits where the focal cut puts it`,
      );
      assert.match(path.basename(file), /\.f100-850\.webp$/, 'kept apart from crops around another point');
    }
  });

  it('clamps the cut to the image and centres it on the point where it can', () => {
    assert.deepEqual(focalCrop(3000, 1000, 1200, 1200, { x: 0.5, y: 0.5 }), {
      scaledWidth: 3600,
      scaledHeight: 1200,
      left: 1200,
      top: 0,
      width: 1200,
      height: 1200,
    });
    assert.equal(focalCrop(3000, 1000, 1200, 1200, { x: 0, y: 0 }).left, 0);
    assert.equal(focalCrop(3000, 1000, 1200, 1200, { x: 1, y: 1 }).left, 2400);
    for (let i = 0; i <= 20; i++) {
      const f = { x: i / 20, y: (20 - i) / 20 };
      const c = focalCrop(1600, 900, 1200, 1200, f);
      const px = f.x * c.scaledWidth;
      const py = f.y * c.scaledHeight;
      assert.ok(px >= c.left && px <= c.left + c.width && py >= c.top && py <= c.top + c.height, `point ${f.x},${f.y} in frame`);
    }
  });
});
