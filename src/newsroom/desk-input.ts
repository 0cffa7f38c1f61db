import { z } from 'zod';
import { idFrom } from '../util/bounds.js';
import { formList, formText, given } from '../util/form.js';

/*
 * The pieces of a route's `input` schemas. Form fields and query values come as a string, an
 * array when repeated, or nothing; these read them the way the desk always has: text is the
 * first value, cut to a length; a list is every value; a choice not offered falls back. The
 * domain checks the values themselves (and says what is wrong in its own words).
 */

/** A field's text, at most `max` characters ('' when absent). */
export const text = (max = 10_000) =>
  z
    .unknown()
    .optional()
    .transform((v) => formText(v, max));
/** Text with the white space around it taken off. */
export const trimmed = (max = 10_000) => text(max).transform((v) => v.trim());
/** Every value of a field that may repeat (checkboxes, multiple selects). */
export const list = (max = 100) =>
  z
    .unknown()
    .optional()
    .transform((v) => formList(v, max));
/** A ticked checkbox (value "1"). */
export const ticked = z
  .unknown()
  .optional()
  .transform((v) => formText(v) === '1');
/** One of the values offered, else `fallback`. */
export const choice = <T extends string, F extends T | undefined>(values: readonly T[], fallback: F) =>
  z
    .unknown()
    .optional()
    .transform((v): T | F => {
      const s = formText(v);
      return (values as readonly string[]).includes(s) ? (s as T) : fallback;
    });
/** A value as sent, for a domain command that reads and checks it itself (a blank field is no value). */
export const asSent = z.unknown().optional().transform(given);
/** An optional row id (a cursor, a filter): null when absent or out of range. */
export const optionalId = z
  .unknown()
  .optional()
  .transform((v) => idFrom(v));

/** A path's number: a row id, or the path names nothing (the gate answers 404). */
export const idParam = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    const id = idFrom(v);
    if (id === null) {
      ctx.addIssue({ code: 'custom', message: 'There is nothing with that number.' });
      return z.NEVER;
    }
    return id;
  });
/** A path's name (a slug, a token). */
export const nameParam = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? v : ''));

export const idParams = z.object({ id: idParam });
