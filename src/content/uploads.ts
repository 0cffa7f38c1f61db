import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Metadata } from 'sharp';
import type { DB } from '../db/connect.js';
import { loadSharp } from '../util/sharp.js';
import { ValidationError } from './errors.js';
import { createMedia, type DigitalSourceType, type Media } from './media.js';

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/**
 * The most pixels an image may have, uploaded or an agency's: 40 megapixels (8,000 × 5,000). A
 * wire photo is usually at most 30 MP, and decoding costs about 4 bytes a pixel, however small
 * the file: a 153 KB PNG of 49 MP took 2.5 s and 52 MB to check. The header is read first
 * (sharp's metadata), so a larger image is refused before any pixel is decoded.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** What sharp may report, and what we store it as. The name of an upload is never trusted. */
const ACCEPTED: Record<string, { ext: string; mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/avif' }> = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  webp: { ext: 'webp', mime: 'image/webp' },
  gif: { ext: 'gif', mime: 'image/gif' },
  heif: { ext: 'avif', mime: 'image/avif' },
};

export interface UploadMeta {
  altText: string;
  caption: string;
  credit: string;
  digitalSourceType: DigitalSourceType;
}

/** An image in memory, or in a file (an upload streamed to disk). */
export type ImageData = Buffer | { path: string };

/**
 * Stores an uploaded image under DATA_DIR/media/uploads/YYYY/MM and records it. The type is read
 * from the content; SVG (which can carry script) and anything else is refused with the reason.
 */
export async function storeUploadedImage(db: DB, dataDir: string, data: ImageData, meta: UploadMeta, now = new Date()): Promise<Media> {
  const kind = await inspectImage(data);
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const file = `uploads/${month}/${randomBytes(12).toString('hex')}.${kind.ext}`;
  const target = path.join(dataDir, 'media', file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (Buffer.isBuffer(data)) fs.writeFileSync(target, data, { flag: 'wx' });
  else fs.copyFileSync(data.path, target, fs.constants.COPYFILE_EXCL);
  try {
    return await createMedia(db, { file, mimeType: kind.mime, width: kind.width, height: kind.height, ...meta });
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
}

/** What an image file is, read from its content: refused (ValidationError with the reason) when
 *  it is empty, too large, SVG, not an accepted type, too many pixels, or damaged. */
export async function inspectImage(image: ImageData): Promise<{ ext: string; mime: (typeof ACCEPTED)[string]['mime']; width: number; height: number }> {
  const size = Buffer.isBuffer(image) ? image.length : fs.statSync(image.path).size;
  if (size === 0) throw new ValidationError('The file is empty.');
  if (size > MAX_UPLOAD_BYTES) throw new ValidationError(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  const data = Buffer.isBuffer(image) ? image : image.path;
  if (/^\s*(<\?xml|<svg|<!doctype svg)/i.test(headOf(image).toString('utf8'))) {
    throw new ValidationError('SVG images are refused: they can carry scripts. Upload a JPEG, PNG, WebP, GIF or AVIF.');
  }
  const sharp = await loadSharp();
  let info: Metadata;
  try {
    // The header only: no pixel is decoded here, so no limit is needed to read the size (with
    // one, a larger image would be reported as unreadable instead of too large).
    info = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw new ValidationError('The file is not an image we can read (JPEG, PNG, WebP, GIF or AVIF).');
  }
  const kind = info.format ? ACCEPTED[info.format] : undefined;
  if (!kind || (info.format === 'heif' && info.compression !== 'av1')) {
    throw new ValidationError(`Images of type ${info.format ?? 'unknown'} are not accepted: upload a JPEG, PNG, WebP, GIF or AVIF.`);
  }
  if (!info.width || !info.height) throw new ValidationError('The image has no size.');
  if (info.width * info.height > MAX_IMAGE_PIXELS) {
    throw new ValidationError(
      `The image is ${info.width} × ${info.height} pixels (${((info.width * info.height) / 1_000_000).toFixed(1)} megapixels); at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted.`,
    );
  }
  // Decode fully once: a truncated or corrupt file fails here, not on a reader's screen.
  try {
    await sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS }).stats();
  } catch {
    throw new ValidationError('The image is damaged or truncated.');
  }
  return { ...kind, width: info.width, height: info.height };
}

/** The first 256 bytes, where an SVG says what it is. */
function headOf(image: ImageData): Buffer {
  if (Buffer.isBuffer(image)) return image.subarray(0, 256);
  const fd = fs.openSync(image.path, 'r');
  try {
    const head = Buffer.alloc(256);
    return head.subarray(0, fs.readSync(fd, head, 0, 256, 0));
  } finally {
    fs.closeSync(fd);
  }
}
