import type { Selectable } from 'kysely';
import { z } from 'zod';
import { rowId } from '../util/bounds.js';
import { inTransaction, type DB } from '../db/connect.js';
import type { AuthorsTable } from '../db/schema.js';
import { recordAudit, type Actor } from './audit.js';
import { ConflictError, fromZod, ValidationError } from './errors.js';
import { announceChange } from './events.js';
import { getMediaByIds, type Media } from './media.js';
import { authorSlugOf } from '../util/slug.js';
import { nowIso } from './time.js';

/*
 * Authors: everyone a byline names has a page, /author/<slug> (authorSlugOf their name), listing their
 * published stories. A profile adds a short bio, a photo and links; it may belong to a newsroom
 * user or to an outside contributor (a byline need not be a user).
 */

const link = z.object({
  label: z.string().trim().min(1).max(80),
  url: z
    .string()
    .trim()
    .max(500)
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
});

export const authorInput = z.object({
  name: z.string().trim().min(1).max(100),
  bio: z.string().trim().max(600).default(''),
  photoMediaId: rowId.nullable().default(null),
  links: z.array(link).max(8).default([]),
  userId: rowId.nullable().default(null),
});
export type AuthorInput = z.input<typeof authorInput>;

export interface Author {
  id: number | null;
  slug: string;
  name: string;
  bio: string;
  photo: Media | null;
  links: { label: string; url: string }[];
  userId: number | null;
}

async function toAuthors(db: DB, rows: Selectable<AuthorsTable>[]): Promise<Author[]> {
  const photos = await getMediaByIds(
    db,
    rows.flatMap((r) => (r.photo_media_id ? [r.photo_media_id] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    bio: r.bio,
    photo: r.photo_media_id ? (photos.get(r.photo_media_id) ?? null) : null,
    links: JSON.parse(r.links) as Author['links'],
    userId: r.user_id,
  }));
}

/** Creates or changes a profile (by its slug), audited. */
export async function saveAuthor(db: DB, input: AuthorInput, actor: Actor): Promise<Author> {
  const parsed = authorInput.safeParse(input);
  if (!parsed.success) throw fromZod('author', parsed.error);
  const a = parsed.data;
  // The page bylines link to: a profile belongs to the name the bylines give.
  const slug = authorSlugOf(a.name);
  const now = nowIso();
  const author = await inTransaction(db, async (trx) => {
    if (a.userId !== null) {
      if (!(await trx.selectFrom('users').select('id').where('id', '=', a.userId).executeTakeFirst()))
        throw new ValidationError('Invalid author: userId: there is no such newsroom user', ['userId: there is no such newsroom user']);
      const taken = await trx.selectFrom('authors').select('slug').where('user_id', '=', a.userId).where('slug', '!=', slug).executeTakeFirst();
      if (taken) throw new ConflictError(`That newsroom user already has the author page ${taken.slug}.`);
    }
    const values = { name: a.name, bio: a.bio, photo_media_id: a.photoMediaId, links: JSON.stringify(a.links), user_id: a.userId, updated_at: now };
    const row = await trx
      .insertInto('authors')
      .values({ slug, ...values, created_at: now })
      .onConflict((oc) => oc.column('slug').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'author.save', `author ${row.slug}: ${row.name}`);
    return (await toAuthors(trx, [row]))[0]!;
  });
  announceChange(db);
  return author;
}

export async function listAuthors(db: DB): Promise<Author[]> {
  return toAuthors(db, await db.selectFrom('authors').selectAll().orderBy('name').execute());
}

/**
 * The author a page is about: their profile, or (without one) the name a published byline gives
 * that slug; null when nobody of that slug has published anything and there is no profile.
 */
export async function findAuthor(db: DB, slug: string): Promise<Author | null> {
  const row = await db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (row) return (await toAuthors(db, [row]))[0]!;
  const byline = await db
    .selectFrom('article_authors')
    .select('name')
    .where('author_slug', '=', slug)
    .where('listed_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return byline ? { id: null, slug, name: byline.name, bio: '', photo: null, links: [], userId: null } : null;
}
