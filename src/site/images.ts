import fs from 'node:fs';
import path from 'node:path';
import { iptcSourceTypeUri, type FocalPoint, type Media } from '../content/media.js';
import { loadSharp } from '../util/sharp.js';
import { IMAGE_WIDTHS } from '../presentation/presenters.js';
import { IMAGE_CROPS } from '../presentation/urls.js';

/** XMP packet naming the IPTC digital source type, so a copy of the file still says how it was made. */
function xmpFor(media: Media): string {
  return (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" ' +
    `Iptc4xmpExt:DigitalSourceType="${iptcSourceTypeUri(media.digitalSourceType)}"/>` +
    '</rdf:RDF></x:xmpmeta>'
  );
}

/** A size a page may ask for: one of the widths ("640"), or one of the crops ("1200x675"). */
export type DerivedSize = { width: number; height?: number };
export type DerivedFormat = 'webp' | 'jpeg';

export function parseDerivedSize(text: string): DerivedSize | null {
  if ((IMAGE_WIDTHS as readonly number[]).map(String).includes(text)) return { width: Number(text) };
  const crop = Object.values(IMAGE_CROPS).find(([w, h]) => `${w}x${h}` === text);
  return crop ? { width: crop[0], height: crop[1] } : null;
}

/**
 * Where a crop of `width`×`height` is cut from an image of `sourceWidth`×`sourceHeight` once it is
 * scaled to cover the crop: centred on the focal point as far as the image's edges allow, so
 * the point is always in frame.
 */
export function focalCrop(sourceWidth: number, sourceHeight: number, width: number, height: number, focal: FocalPoint) {
  const scale = Math.max(width / sourceWidth, height / sourceHeight);
  const scaledWidth = Math.max(width, Math.round(sourceWidth * scale));
  const scaledHeight = Math.max(height, Math.round(sourceHeight * scale));
  const clamp = (v: number, max: number) => Math.min(Math.max(Math.round(v), 0), max);
  return {
    scaledWidth,
    scaledHeight,
    left: clamp(focal.x * scaledWidth - width / 2, scaledWidth - width),
    top: clamp(focal.y * scaledHeight - height / 2, scaledHeight - height),
    width,
    height,
  };
}

/**
 * Derived images: WebP at the widths the pages ask for (JPEG for mail), made with sharp from the stored original
 * on first request and kept under DATA_DIR/cache/images. A file is written under a temporary
 * name and renamed, so a reader never gets half an image; concurrent requests share one job.
 */
export function imageDeriver(dataDir: string) {
  const originals = path.join(dataDir, 'media');
  const cache = path.join(dataDir, 'cache', 'images');
  const inFlight = new Map<string, Promise<string>>();

  async function make(media: Media, size: DerivedSize, format: DerivedFormat, target: string): Promise<string> {
    const source = path.join(originals, media.file);
    if (!source.startsWith(originals + path.sep)) throw new Error('media path escapes the media folder');
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const sharp = await loadSharp();
    const image = sharp(source, { limitInputPixels: 100_000_000 });
    let resized;
    if (size.height && media.focal) {
      // Around the focal point the desk set, measured on the image as its orientation shows it.
      const meta = await sharp(source, { limitInputPixels: 100_000_000 }).metadata();
      const turned = (meta.orientation ?? 1) >= 5;
      const crop = focalCrop(turned ? meta.height : meta.width, turned ? meta.width : meta.height, size.width, size.height, media.focal);
      resized = image
        .rotate()
        .resize({ width: crop.scaledWidth, height: crop.scaledHeight, fit: 'fill' })
        .extract({ left: crop.left, top: crop.top, width: crop.width, height: crop.height });
    } else {
      resized = image.resize(
        size.height ? { width: size.width, height: size.height, fit: 'cover', position: 'attention' } : { width: size.width, withoutEnlargement: true },
      );
    }
    const encoded =
      format === 'jpeg' ? resized.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true }) : resized.webp({ quality: 76, effort: 4 });
    await encoded.withXmp(xmpFor(media)).toFile(tmp);
    await fs.promises.rename(tmp, target);
    return target;
  }

  return {
    /** Path of the derived file, made now if needed. */
    async derive(media: Media, size: DerivedSize, format: DerivedFormat = 'webp'): Promise<string> {
      const name = size.height ? `${size.width}x${size.height}` : String(size.width);
      // A crop is kept per focal point, so moving the point makes new crops.
      const focal = size.height && media.focal ? `.f${Math.round(media.focal.x * 1000)}-${Math.round(media.focal.y * 1000)}` : '';
      const target = path.join(cache, name, `${media.file}${focal}.${format === 'jpeg' ? 'jpg' : 'webp'}`);
      if (fs.existsSync(target)) return target;
      const key = `${name}/${media.file}${focal}.${format}`;
      let job = inFlight.get(key);
      if (!job) {
        job = make(media, size, format, target).finally(() => inFlight.delete(key));
        inFlight.set(key, job);
      }
      return job;
    },
  };
}
