import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { findMediaByFile, type Media } from '../content/media.js';
import type { DB } from '../db/connect.js';
import { CROP_VERSION_SUFFIX, cropVersion } from '../presentation/urls.js';
import { HttpError } from './http-error.js';
import { imageDeriver, parseDerivedSize } from './images.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** An address whose image can change under it (a crop named without its version): kept briefly. */
const CHANGING = 'public, max-age=300';

/**
 * Derived images, `/media/<size>/<file>.<webp|jpg>` (site/images.ts makes them). A width never
 * changes, so it is kept for good. A crop is cut around the focal point, so its address names
 * the point (`<file>~f500-300.webp`, urls.ts cropPath): that address is kept for good too; one
 * naming an older point is sent on to the current one; and the address of before versions
 * (`<file>.webp`) still serves the current cut, cached for five minutes only.
 */
export function imageRoutes(app: FastifyInstance, db: DB, dataDir: string): void {
  const images = imageDeriver(dataDir);

  /** The image an address names, and the crop version it asked for (null when none). */
  async function find(base: string, crop: boolean): Promise<{ media: Media; version: string | null } | null> {
    const versioned = crop ? CROP_VERSION_SUFFIX.exec(base) : null;
    if (versioned) {
      const media = await findMediaByFile(db, versioned[1]!);
      if (media) return { media, version: versioned[2]! };
    }
    // A file whose own name ends like a version, or an address of before versions.
    const media = await findMediaByFile(db, base);
    return media ? { media, version: null } : null;
  }

  app.get<{ Params: { size: string; '*': string } }>('/media/:size/*', async (request, reply) => {
    const size = parseDerivedSize(request.params.size);
    const requested = request.params['*'];
    const format = requested.endsWith('.webp') ? 'webp' : requested.endsWith('.jpg') ? 'jpeg' : null;
    if (!size || !format) throw new HttpError(404, 'No such image');
    const found = await find(requested.slice(0, requested.lastIndexOf('.')), size.height !== undefined);
    if (!found) throw new HttpError(404, 'No such image');
    const { media, version } = found;
    const current = size.height === undefined ? null : cropVersion(media.focal);
    if (current !== null && version !== null && version !== current) {
      const at = `/media/${request.params.size}/${media.file}~${current}.${format === 'jpeg' ? 'jpg' : 'webp'}`;
      return reply.header('cache-control', CHANGING).redirect(at, 302);
    }
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
      .header('cache-control', current !== null && version === null ? CHANGING : IMMUTABLE)
      .header('cross-origin-resource-policy', 'cross-origin');
    return reply.send(fs.createReadStream(file));
  });
}
