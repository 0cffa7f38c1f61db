/** A position in a time-ordered list: the (time, id) of an item. Pages are fetched relative to
 *  it (keyset pagination), so URLs stay stable while new stories arrive. */
export interface Cursor {
  at: string;
  id: number;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Ids are `integer` columns: PostgreSQL refuses a larger number outright (an error, not no rows). */
const MAX_ID = 2_147_483_647;

/** Opaque, URL-safe text form of a cursor. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

/** Reads a cursor from untrusted input; null when it is not one of ours. */
export function decodeCursor(text: string | undefined | null): Cursor | null {
  if (!text || text.length > 100) return null;
  const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length || !at || !ISO_UTC.test(at) || !/^\d{1,10}$/.test(id ?? '') || Number(id) > MAX_ID) return null;
  // A real time written the one way times are written: Date.parse takes "02-30" and "24:00" and
  // means another day, and PostgreSQL refuses them (and the year 0) with an error.
  const time = Date.parse(at);
  if (Number.isNaN(time) || new Date(time).toISOString() !== at || at.startsWith('0000')) return null;
  return { at, id: Number(id) };
}
