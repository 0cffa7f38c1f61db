import { createHash } from 'node:crypto';
import slugify from '@sindresorhus/slugify';
import { z } from 'zod';

const MAX_SLUG_LENGTH = 80;

/** URL slug of a headline or name: lower-case ASCII words joined by hyphens, cut at a word
 *  boundary. "Côte d'Ivoire" → "cote-divoire", "North Korea" → "north-korea". */
export function slugOf(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const slug = slugify(text, {
    customReplacements: [
      ["'", ''],
      ['’', ''],
    ],
  });
  if (slug.length <= maxLength) return slug || 'untitled';
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/** The slug of an author's page, from the name a byline gives. A name that has no Latin letters
 *  to spell a slug with (राहुल शर्मा, 王伟) gets one from a hash of the name, so that two such
 *  authors never share a page. */
export function authorSlugOf(name: string): string {
  const slug = slugify(name, {
    customReplacements: [
      ["'", ''],
      ['’', ''],
    ],
  });
  if (slug) return slugOf(name);
  return `author-${createHash('sha256').update(name.normalize('NFC').trim().toLowerCase()).digest('hex').slice(0, 12)}`;
}

/** A slug given by a person or a feed: lower-case letters, digits and single hyphens. */
export const slugSchema = (maxLength = 80) =>
  z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and hyphens')
    .max(maxLength);
