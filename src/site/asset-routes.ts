import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { findMediaByFile } from '../content/media.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import { HttpError } from './http-error.js';
import { imageDeriver, parseDerivedSize } from './images.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The site's own files (`/assets/<name>`) and the pictures in the sizes pages ask for (`/media/<size>/<file>`). */
export function assetRoutes(app: FastifyInstance, config: Config, store: Store): void {
  const db = store.db;
  const assets = app.assets;
  const images = imageDeriver(config.dataDir);

  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = assets.files.get(request.params.name);
    if (!asset) throw new HttpError(404, 'No such file');
    reply
      .type(asset.type)
      .header('cache-control', request.params.name.includes('.') && /\.[0-9a-f]{10}\./.test(request.params.name) ? IMMUTABLE : 'public, max-age=86400');
    return reply.header('cross-origin-resource-policy', 'cross-origin').send(asset.body);
  });

  app.get<{ Params: { size: string; '*': string } }>('/media/:size/*', async (request, reply) => {
    const size = parseDerivedSize(request.params.size);
    const requested = request.params['*'];
    const format = requested.endsWith('.webp') ? 'webp' : requested.endsWith('.jpg') ? 'jpeg' : null;
    if (!size || !format) throw new HttpError(404, 'No such image');
    const media = await findMediaByFile(db, requested.slice(0, requested.lastIndexOf('.')));
    if (!media) throw new HttpError(404, 'No such image');
    let file: string;
    try {
      file = await images.derive(media, size, format);
    } catch (error) {
      request.log.error({ err: error, file: media.file }, 'image derivation failed');
      throw new HttpError(404, 'Image unavailable');
    }
    // Feed readers, partners using the ninjs links and mail clients show these from elsewhere.
    reply
      .type(format === 'jpeg' ? 'image/jpeg' : 'image/webp')
      .header('cache-control', IMMUTABLE)
      .header('cross-origin-resource-policy', 'cross-origin');
    return reply.send(fs.createReadStream(file));
  });
}
