import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { loadConfig, type ImageEndpoint } from '../../src/config.js';
import type { Store } from '../../src/db/connect.js';
import { parseAllowList } from '../../src/net/address-policy.js';
import { captionFor } from '../../src/presentation/presenters.js';
import { fetchAgencyImage, heroForStory, type StoryForImage } from '../../src/wire/illustrate.js';
import { describeEachDatabase } from '../helpers/databases.js';

const story = (overrides: Partial<StoryForImage> = {}): StoryForImage => ({
  headline: 'Harbour dredging starts in Mombasa',
  sectorSlug: 'transport',
  sectorName: 'Transport',
  countryCode: 'KE',
  countryName: 'Kenya',
  seed: 'eps-2026-0001',
  ...overrides,
});

/** A blank 7,000 × 7,000 PNG: 49 megapixels in about 150 KB (made once, on first use). */
let big: Promise<Buffer> | null = null;
const bigPng = () =>
  (big ??= sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#ffffff' } })
    .png({ compressionLevel: 9 })
    .toBuffer());

/** Collects warnings instead of printing them. */
const collector = () => {
  const lines: string[] = [];
  return { lines, log: { warn: (message: string) => void lines.push(message) } };
};

/** The picture server here is a local fake on 127.0.0.1: allowed explicitly, as OUTBOUND_ALLOW would. */
const LOCAL = { allow: parseAllowList('127.0.0.1') };

describeEachDatabase('illustrating wire stories', (testDb) => {
  let store: Store;
  let server: http.Server;
  let base: string;
  let png: Buffer;
  let imageAnswer: (res: http.ServerResponse) => void;
  const imageRequests: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const downloads: string[] = [];

  before(async () => {
    store = await testDb.open();
    png = await sharp({ create: { width: 48, height: 32, channels: 3, background: '#2a9d8f' } })
      .png()
      .toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/v1/images/generations') {
          imageRequests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
          return imageAnswer(res);
        }
        downloads.push(req.url ?? '');
        if (req.url === '/photos/harbour.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(png); // the type comes from the content
        if (req.url === '/photos/drawing.svg') return res.writeHead(200, { 'content-type': 'image/png' }).end(svg);
        if (req.url === '/photos/49mp.png') return void bigPng().then((data) => res.writeHead(200, { 'content-type': 'image/png' }).end(data));
        if (req.url === '/photos/huge.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.alloc(16 * 1024 * 1024, 0xff));
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const endpoint = (): ImageEndpoint => ({ baseUrl: `${base}/v1`, model: 'paint-1', apiKey: 'img-key' });

  it('composes a local illustration as algorithmicMedia, and the same one again for the same story', async () => {
    const local = { dataDir: testDb.dataDir, imageGen: null };
    const media = await heroForStory(store.db, local, story());
    assert.ok(media);
    assert.equal(media.digitalSourceType, 'algorithmicMedia');
    assert.equal(media.mimeType, 'image/svg+xml');
    assert.match(media.file, /^illustrations\/transport-ke-[a-z0-9]+\.svg$/);
    assert.match(media.caption, /^Generated illustration.*not a photograph/);
    assert.match(media.altText, /Transport.*Kenya/);
    assert.match(captionFor(media), /not a photograph of a real event or place/);
    const svg = fs.readFileSync(path.join(testDb.dataDir, 'media', media.file), 'utf8');
    assert.match(svg, /Generated illustration · Transport · Kenya/);

    const again = await heroForStory(store.db, local, story());
    assert.equal(again?.id, media.id);
    assert.deepEqual(fs.readdirSync(path.join(testDb.dataDir, 'media', 'illustrations')), [path.basename(media.file)]);
    const other = await heroForStory(
      store.db,
      local,
      story({ seed: 'eps-2026-0002', sectorSlug: 'a-sector-the-demo-lacks', sectorName: 'Fisheries', countryCode: null, countryName: null }),
    );
    assert.notEqual(other?.id, media.id);
    assert.match(fs.readFileSync(path.join(testDb.dataDir, 'media', other!.file), 'utf8'), /Generated illustration · Fisheries</);
  });

  it('asks a configured image model for an illustration and stores it as trainedAlgorithmicMedia', async () => {
    imageAnswer = (res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ created: 1, data: [{ b64_json: png.toString('base64') }] }));
    const config = { dataDir: testDb.dataDir, imageGen: endpoint() };
    const media = await heroForStory(store.db, config, story({ seed: 'eps-ai-1' }));
    assert.ok(media);
    assert.equal(media.digitalSourceType, 'trainedAlgorithmicMedia');
    assert.equal(media.mimeType, 'image/png');
    assert.deepEqual([media.width, media.height], [48, 32]);
    assert.match(media.caption, /^AI-generated illustration/);
    assert.match(captionFor(media), /AI-generated illustration/);
    assert.ok(fs.readFileSync(path.join(testDb.dataDir, 'media', media.file)).equals(png));

    const request = imageRequests.at(-1)!;
    assert.equal(request.headers.authorization, 'Bearer img-key');
    assert.equal(request.body.model, 'paint-1');
    assert.equal(request.body.size, '1536x1024');
    assert.equal(request.body.response_format, 'b64_json');
    assert.equal(request.body.n, 1);
    const prompt = String(request.body.prompt);
    assert.match(prompt, /Harbour dredging starts in Mombasa/);
    assert.match(prompt, /Transport/);
    assert.match(prompt, /Kenya/);
    assert.match(prompt, /no[t]? .*text/i);
    assert.match(prompt, /real or identifiable people/);

    // The same story again: the stored picture, without asking the model.
    const count = imageRequests.length;
    assert.equal((await heroForStory(store.db, config, story({ seed: 'eps-ai-1' })))?.id, media.id);
    assert.equal(imageRequests.length, count);
  });

  it('falls back to a local illustration when the image model fails, and logs why', async () => {
    const config = { dataDir: testDb.dataDir, imageGen: endpoint() };
    const { lines, log } = collector();
    imageAnswer = (res) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'out of memory' } }));
    const media = await heroForStory(store.db, config, story({ seed: 'eps-fail-1' }), { log });
    assert.equal(media?.digitalSourceType, 'algorithmicMedia');
    assert.match(lines[0]!, /HTTP 500: out of memory/);

    // An "image" that is an SVG document is refused like an upload would be.
    imageAnswer = (res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: [{ b64_json: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64') }] }));
    assert.equal((await heroForStory(store.db, config, story({ seed: 'eps-fail-2' }), { log }))?.digitalSourceType, 'algorithmicMedia');
    assert.match(lines[1]!, /SVG images are refused/);

    imageAnswer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": []}');
    assert.equal((await heroForStory(store.db, config, story({ seed: 'eps-fail-3' }), { log }))?.digitalSourceType, 'algorithmicMedia');
    assert.match(lines[2]!, /without an image/);

    imageAnswer = () => {}; // never answers
    assert.equal((await heroForStory(store.db, config, story({ seed: 'eps-fail-4' }), { log, generateTimeoutMs: 100 }))?.digitalSourceType, 'algorithmicMedia');
    assert.match(lines[3]!, /no answer in time/);
  });

  it("stores an agency's photograph as digitalCapture with its caption, credit and usage terms, fetched once", async () => {
    const image = {
      url: `${base}/photos/harbour.jpg`,
      caption: 'A dredger in Mombasa harbour on Tuesday.',
      credit: 'Photo: Jane Wambui / EPS',
      usageTerms: 'Editorial use only',
    };
    const media = await heroForStory(
      store.db,
      { dataDir: testDb.dataDir, imageGen: endpoint(), outbound: LOCAL },
      story({ seed: 'eps-photo-1', agencyImages: [image] }),
    );
    assert.ok(media);
    assert.equal(media.digitalSourceType, 'digitalCapture');
    assert.equal(media.mimeType, 'image/png');
    assert.match(media.file, /^agency\/[0-9a-f]+\.png$/);
    assert.equal(media.credit, 'Jane Wambui / EPS', 'the page adds "Photo: "');
    assert.equal(media.caption, 'A dredger in Mombasa harbour on Tuesday. Usage terms: Editorial use only.');
    assert.equal(media.altText, 'A dredger in Mombasa harbour on Tuesday.');
    assert.equal(captionFor(media), media.caption);
    const fetched = downloads.filter((d) => d === '/photos/harbour.jpg').length;
    assert.equal((await fetchAgencyImage(store.db, testDb.dataDir, image, { outbound: LOCAL }))?.id, media.id);
    assert.equal(downloads.filter((d) => d === '/photos/harbour.jpg').length, fetched);
  });

  it('refuses an SVG, an oversized or a missing agency picture, and a non-web address, and illustrates instead', async () => {
    const { lines, log } = collector();
    const config = { dataDir: testDb.dataDir, imageGen: null, outbound: LOCAL };
    for (const [i, url, reason] of [
      [1, `${base}/photos/drawing.svg`, /SVG images are refused/],
      [2, `${base}/photos/huge.jpg`, /larger than 15 MB/],
      [3, `${base}/photos/missing.jpg`, /HTTP 404/],
      [4, 'file:///etc/passwd', /only http and https/],
    ] as const) {
      const media = await heroForStory(
        store.db,
        config,
        story({ seed: `eps-refused-${i}`, agencyImages: [{ url, caption: 'c', credit: 'EPS', usageTerms: '' }] }),
        { log },
      );
      assert.equal(media?.digitalSourceType, 'algorithmicMedia', url);
      assert.match(lines.at(-1)!, reason);
    }
    await assert.rejects(
      fetchAgencyImage(store.db, testDb.dataDir, { url: `${base}/photos/drawing.svg`, caption: '', credit: '', usageTerms: '' }, { outbound: LOCAL }),
      /SVG images are refused/,
    );
  });

  it('refuses an agency picture of more than 40 megapixels, however small its file, and illustrates instead', async () => {
    const { lines, log } = collector();
    const url = `${base}/photos/49mp.png`;
    assert.ok((await bigPng()).length < 500_000);
    const media = await heroForStory(
      store.db,
      { dataDir: testDb.dataDir, imageGen: null, outbound: LOCAL },
      story({ seed: 'eps-49mp', agencyImages: [{ url, caption: 'c', credit: 'EPS', usageTerms: '' }] }),
      { log },
    );
    assert.equal(media?.digitalSourceType, 'algorithmicMedia');
    assert.match(lines.at(-1)!, /The image is 7000 × 7000 pixels \(49\.0 megapixels\); at most 40 megapixels are accepted\./);
    await assert.rejects(
      fetchAgencyImage(store.db, testDb.dataDir, { url, caption: '', credit: '', usageTerms: '' }, { outbound: LOCAL }),
      /at most 40 megapixels/,
    );
  });

  it('reads the image endpoint from IMAGE_GEN_* variables', () => {
    assert.equal(loadConfig({}).imageGen, null);
    assert.deepEqual(loadConfig({ IMAGE_GEN_BASE_URL: 'http://127.0.0.1:7860/v1/' }).imageGen, {
      baseUrl: 'http://127.0.0.1:7860/v1',
      model: null,
      apiKey: null,
    });
    assert.deepEqual(loadConfig({ IMAGE_GEN_BASE_URL: 'https://img.example.org/v1', IMAGE_GEN_MODEL: 'paint-1', IMAGE_GEN_API_KEY: 'k' }).imageGen, {
      baseUrl: 'https://img.example.org/v1',
      model: 'paint-1',
      apiKey: 'k',
    });
  });
});
