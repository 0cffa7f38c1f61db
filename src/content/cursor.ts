import { idFrom, isoTimeFrom } from '../util/bounds.js';

/** A position in a time-ordered list: the (time, id) of an item. Pages are fetched relative to
 *  it (keyset pagination), so URLs stay stable while new stories arrive. */
export interface Cursor {
  at: string;
  id: number;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Opaque, URL-safe text form of a cursor. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

/** Reads a cursor from untrusted input; null when it is not one of ours: its time must be one the
 *  program writes (a real day, years 0001–9999, as toISOString prints it) and its id one a row can
 *  have (src/util/bounds.ts), so that both databases compare it alike and PostgreSQL never refuses it. */
export function decodeCursor(text: string | undefined | null): Cursor | null {
  if (!text || typeof text !== 'string' || text.length > 100) return null;
  const [at, idText, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length || !at || !ISO_UTC.test(at) || isoTimeFrom(at) !== at) return null;
  const id = idFrom(idText);
  return id === null ? null : { at, id };
}
