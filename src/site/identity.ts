import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { getMedia } from '../content/media.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import { ttlMemo } from '../util/memo.js';
import { loadSharp } from '../util/sharp.js';
import { absoluteUrl, iconPath, searchPath, SHARE_IMAGE, shareImagePath } from '../presentation/urls.js';

/*
 * The site's identity for browsers, search engines and link previews, made from the logo setting
 * (an uploaded image; without one, the bundled mark): /favicon.ico (16, 32 and 48 px), an
 * apple-touch-icon, PNG icons and a web manifest, a raster logo for structured data, a default
 * share image (1200×630, the logo and the site's name) for pages without a picture of their own,
 * and /opensearch.xml so browsers can search the site from the address bar.
 */

const BUNDLED_MARK = path.resolve(import.meta.dirname, 'assets', 'favicon.svg');
const BRAND = '#0b4f6c';
/** 144: an RSS channel image is at most 144 px wide; 192 and 512 for the web manifest. */
export const ICON_SIZES = [144, 192, 512] as const;

/** A .ico file holding PNG images (as every current browser reads them). */
export function icoOf(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(png.size >= 256 ? 0 : png.size, at);
    header.writeUInt8(png.size >= 256 ? 0 : png.size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

const xml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const identityRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => {
  const db = store.db;
  const directory = app.directory;
  // Made once per logo and name, kept for a minute (a new logo shows within one).
  const made = ttlMemo<Buffer>(60_000, 20);

  async function logoSource(): Promise<{ key: string; file: string }> {
    const { settings } = await directory.get();
    const media = settings.logoMediaId ? await getMedia(db, settings.logoMediaId) : null;
    const file = media ? path.join(config.dataDir, 'media', media.file) : null;
    return file && fs.existsSync(file) ? { key: `media:${media!.id}`, file } : { key: 'bundled', file: BUNDLED_MARK };
  }

  const square = async (size: number, options: { background?: string } = {}) => {
    const { key, file } = await logoSource();
    return made(`${key}:${size}:${options.background ?? ''}`, async () => {
      const sharp = await loadSharp();
      let image = sharp(file, { density: 300 }).resize(size, size, { fit: 'contain', background: options.background ?? { r: 0, g: 0, b: 0, alpha: 0 } });
      if (options.background) image = image.flatten({ background: options.background });
      return image.png().toBuffer();
    });
  };

  const send = (reply: import('fastify').FastifyReply, type: string, body: Buffer | string) =>
    reply.type(type).header('cache-control', 'public, max-age=86400').header('cross-origin-resource-policy', 'cross-origin').send(body);

  app.get('/favicon.ico', async (_request, reply) => {
    const pngs = await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await square(size) })));
    return send(reply, 'image/x-icon', icoOf(pngs));
  });
  app.get('/apple-touch-icon.png', async (_request, reply) => send(reply, 'image/png', await square(180, { background: '#ffffff' })));
  for (const size of ICON_SIZES) app.get(iconPath(size), async (_request, reply) => send(reply, 'image/png', await square(size)));

  app.get('/site.webmanifest', async (_request, reply) => {
    const { settings } = await directory.get();
    return send(
      reply,
      'application/manifest+json',
      JSON.stringify({
        name: settings.siteName,
        short_name: settings.siteName.slice(0, 12),
        description: settings.tagline,
        start_url: '/',
        display: 'browser',
        background_color: '#ffffff',
        theme_color: BRAND,
        icons: ICON_SIZES.filter((size) => size >= 192).map((size) => ({ src: iconPath(size), sizes: `${size}x${size}`, type: 'image/png' })),
      }),
    );
  });

  app.get(shareImagePath, async (_request, reply) => {
    const { settings } = await directory.get();
    const { key, file } = await logoSource();
    const body = await made(`share:${key}:${settings.siteName}:${settings.tagline}`, async () => {
      const sharp = await loadSharp();
      const logo = await sharp(file, { density: 300 })
        .resize(220, 220, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
        .png()
        .toBuffer();
      const words =
        `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_IMAGE.width}" height="${SHARE_IMAGE.height}"><rect width="100%" height="100%" fill="${BRAND}"/>` +
        `<text x="600" y="440" font-family="DejaVu Sans, Arial, sans-serif" font-size="72" font-weight="700" fill="#ffffff" text-anchor="middle">${xml(settings.siteName)}</text>` +
        `<text x="600" y="510" font-family="DejaVu Sans, Arial, sans-serif" font-size="32" fill="#dbeaf2" text-anchor="middle">${xml(settings.tagline.slice(0, 70))}</text></svg>`;
      return sharp(Buffer.from(words))
        .composite([{ input: logo, top: 110, left: 490 }])
        .png()
        .toBuffer();
    });
    return send(reply, 'image/png', body);
  });

  app.get('/opensearch.xml', async (_request, reply) => {
    const { settings } = await directory.get();
    const abs = (p: string) => absoluteUrl(config.siteUrl, p);
    return send(
      reply,
      'application/opensearchdescription+xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"><ShortName>${xml(settings.siteName.slice(0, 16))}</ShortName><Description>${xml(`Search ${settings.siteName}`)}</Description><InputEncoding>UTF-8</InputEncoding><Image width="16" height="16" type="image/x-icon">${xml(abs('/favicon.ico'))}</Image><Url type="text/html" method="get" template="${xml(abs(searchPath()))}?q={searchTerms}"/></OpenSearchDescription>\n`,
    );
  });
};
