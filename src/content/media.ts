import { z } from 'zod';
import type { DB } from '../db/connect.js';
import { sql, type Selectable } from 'kysely';
import type { MediaTable } from '../db/schema.js';
import { fromZod, NotFoundError } from './errors.js';
import { nowIso } from './time.js';

/** IPTC digital source types (https://cv.iptc.org/newscodes/digitalsourcetype/): how an image
 *  came to be. Captions, feeds and structured data say this to readers. */
export const digitalSourceTypes = {
  digitalCapture: 'Original digital capture (a photograph)',
  negativeFilm: 'Digitised from a negative',
  minorHumanEdits: 'Photograph with minor edits',
  compositeCapture: 'Composite of photographs',
  algorithmicallyEnhanced: 'Photograph enhanced by software',
  digitalArt: 'Created by a person with software',
  algorithmicMedia: 'Created by a computer program, not from a camera or a trained model',
  trainedAlgorithmicMedia: 'Created by a generative AI model',
  compositeWithTrainedAlgorithmicMedia: 'Composite including generative AI elements',
  compositeSynthetic: 'Composite of synthetic elements',
  screenCapture: 'Screen capture',
  dataDrivenMedia: 'Generated from data (a chart or map)',
} as const;
export type DigitalSourceType = keyof typeof digitalSourceTypes;

export const iptcSourceTypeUri = (type: DigitalSourceType) => `http://cv.iptc.org/newscodes/digitalsourcetype/${type}`;

/** True when no camera was involved: captions must then say it is not a photograph. */
export const isSynthetic = (type: DigitalSourceType) =>
  type === 'algorithmicMedia' ||
  type === 'trainedAlgorithmicMedia' ||
  type === 'compositeWithTrainedAlgorithmicMedia' ||
  type === 'compositeSynthetic' ||
  type === 'digitalArt' ||
  type === 'dataDrivenMedia';

export interface Media {
  id: number;
  /** Path below DATA_DIR/media. */
  file: string;
  mimeType: string;
  width: number;
  height: number;
  altText: string;
  caption: string;
  credit: string;
  digitalSourceType: DigitalSourceType;
  createdAt: string;
  /** What every crop keeps in frame: 0–1 from the left and from the top; null when none was set. */
  focal: FocalPoint | null;
}

export interface FocalPoint {
  x: number;
  y: number;
}

export const mediaInput = z.object({
  file: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9/_.-]*$/, 'a relative path of letters, digits, / _ . -')
    .refine((f) => !f.includes('..'), 'must stay inside the media folder'),
  mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/svg+xml']),
  width: z.number().int().positive().max(20_000),
  height: z.number().int().positive().max(20_000),
  altText: z.string().trim().min(1, 'alt text is required').max(500),
  caption: z.string().trim().max(1000).default(''),
  credit: z.string().trim().max(200).default(''),
  digitalSourceType: z.enum(Object.keys(digitalSourceTypes) as [DigitalSourceType, ...DigitalSourceType[]]),
});
export type MediaInput = z.input<typeof mediaInput>;

export const toMedia = (r: Selectable<MediaTable>): Media => ({
  id: r.id,
  file: r.file,
  mimeType: r.mime_type,
  width: r.width,
  height: r.height,
  altText: r.alt_text,
  caption: r.caption,
  credit: r.credit,
  digitalSourceType: r.digital_source_type as DigitalSourceType,
  createdAt: r.created_at,
  focal: r.focal_x === null || r.focal_y === null ? null : { x: Number(r.focal_x), y: Number(r.focal_y) },
});

export async function createMedia(db: DB, input: MediaInput, now = nowIso()): Promise<Media> {
  const parsed = mediaInput.safeParse(input);
  if (!parsed.success) throw fromZod('image', parsed.error);
  const m = parsed.data;
  const row = await db
    .insertInto('media')
    .values({
      file: m.file,
      mime_type: m.mimeType,
      width: m.width,
      height: m.height,
      alt_text: m.altText,
      caption: m.caption,
      credit: m.credit,
      digital_source_type: m.digitalSourceType,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMedia(row);
}

export async function getMedia(db: DB, id: number): Promise<Media | null> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMedia(row) : null;
}

export async function getMediaByIds(db: DB, ids: readonly number[]): Promise<Map<number, Media>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('media')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toMedia(r)]));
}

export async function findMediaByFile(db: DB, file: string): Promise<Media | null> {
  const row = await db.selectFrom('media').selectAll().where('file', '=', file).executeTakeFirst();
  return row ? toMedia(row) : null;
}

/** The newest images, for the media library. */
export async function listMedia(db: DB, limit = 50): Promise<Media[]> {
  return (await db.selectFrom('media').selectAll().orderBy('id', 'desc').limit(limit).execute()).map(toMedia);
}

/** The images whose caption, credit, alternative text or file name contain `query` (any case),
 *  newest first; the newest of all for an empty query. */
export async function searchMedia(db: DB, query: string, limit = 48): Promise<Media[]> {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return listMedia(db, limit);
  // LIKE's own wildcards in what was typed are matched as themselves.
  const pattern = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let q = db.selectFrom('media').selectAll();
  for (const w of words) {
    q = q.where((eb) =>
      eb.or((['caption', 'credit', 'alt_text', 'file'] as const).map((column) => eb(sql`lower(${sql.ref(column)})`, 'like', sql`${pattern(w)} escape '\\'`))),
    );
  }
  return (await q.orderBy('id', 'desc').limit(limit).execute()).map(toMedia);
}

/** Sets the point of an image that every crop keeps in frame. */
export async function setFocalPoint(db: DB, id: number, focal: FocalPoint): Promise<Media> {
  const parsed = focalPoint.safeParse(focal);
  if (!parsed.success) throw fromZod('focal point', parsed.error);
  const row = await db.updateTable('media').set({ focal_x: parsed.data.x, focal_y: parsed.data.y }).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new NotFoundError(`No image with id ${id}`);
  return toMedia(row);
}

export const focalPoint = z.object({
  x: z.number({ error: 'give x as a number from 0 (left) to 1 (right)' }).min(0, 'x is from 0 (left) to 1 (right)').max(1, 'x is from 0 (left) to 1 (right)'),
  y: z.number({ error: 'give y as a number from 0 (top) to 1 (bottom)' }).min(0, 'y is from 0 (top) to 1 (bottom)').max(1, 'y is from 0 (top) to 1 (bottom)'),
});
