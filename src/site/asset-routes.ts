import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import { HttpError } from './http-error.js';
import { imageRoutes } from './image-routes.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The site's own files (`/assets/<name>`) and the pictures in the sizes pages ask for (`/media/<size>/<file>`). */
export function assetRoutes(app: FastifyInstance, config: Config, store: Store): void {
  const db = store.db;
  const assets = app.assets;

  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = assets.files.get(request.params.name);
    if (!asset) throw new HttpError(404, 'No such file');
    reply
      .type(asset.type)
      .header('cache-control', request.params.name.includes('.') && /\.[0-9a-f]{10}\./.test(request.params.name) ? IMMUTABLE : 'public, max-age=86400');
    return reply.header('cross-origin-resource-policy', 'cross-origin').send(asset.body);
  });

  imageRoutes(app, db, config.dataDir);
}
