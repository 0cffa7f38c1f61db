import { z } from 'zod';

/*
 * What the database columns can hold, the same on SQLite and PostgreSQL. Input is held to these
 * bounds before any query is made: a value outside them names nothing that can exist (an id) or
 * is not a time the program handles (a date), and PostgreSQL would refuse it with an error where
 * SQLite would quietly compare it. One place, used by every route and domain reader.
 */

/** Row ids are PostgreSQL `integer` (SQLite's are 64-bit, but they count up from 1 alike). */
export const MAX_ID = 2_147_483_647;

/** Times are ISO-8601 UTC text with four-digit years (src/content/time.ts): 0001 to 9999.
 *  JavaScript's year 0000 (1 BC) is refused by PostgreSQL, and years past 9999 print as
 *  "+010000-…", which neither database reads as a time. */
/** The first instant of year 1 (UTC), in ms since 1970. */
export const EARLIEST_TIME_MS = Date.parse('0001-01-01T00:00:00.000Z');
/** The last millisecond of year 9999 (UTC). */
export const LATEST_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A whole number that can be a row's id (1 … MAX_ID). */
export const isRowId = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_ID;

/** An id given as text (a path, a query, a form field) or as a JSON number: the id, or null
 *  when it cannot name a row (0, negative, fractional, "1e3", over MAX_ID, not a number). */
export function idFrom(value: unknown): number | null {
  if (typeof value === 'number') return isRowId(value) ? value : null;
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= MAX_ID ? n : null;
}

/** A row id in a domain module's input schema (a number: a hero image, a user, a story). */
export const rowId = z.number().int().min(1).max(MAX_ID);

/** A time the databases store and compare alike (years 0001 to 9999, UTC). */
export const isStorableTime = (ms: number): boolean => Number.isFinite(ms) && ms >= EARLIEST_TIME_MS && ms <= LATEST_TIME_MS;

/** An instant as the program's ISO text, or null when it is out of the storable range. */
export function storableIso(ms: number): string | null {
  return isStorableTime(ms) ? new Date(ms).toISOString() : null;
}

/** ISO 8601: a date (midnight UTC) or a date and time with Z or an offset. */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An ISO 8601 time from untrusted text, as the program's ISO text (UTC, milliseconds), or null:
 * not that shape, a day or hour that does not exist (February 30, 24:00, JavaScript would roll it
 * over), or outside years 0001–9999 once in UTC.
 */
export function isoTimeFrom(text: string): string | null {
  const m = ISO_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const offset = m[8];
  if (offset && offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59)) return null;
  return storableIso(Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : text));
}

const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** U+0000: PostgreSQL's text types cannot hold it (SQLite's can), and no form or query needs it. */
export const hasNul = (text: string): boolean => text.includes('\u0000');
export const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);
