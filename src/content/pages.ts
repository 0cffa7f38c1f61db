import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/connect.js';
import type { PagesTable } from '../db/schema.js';
import { recordAudit, type Actor } from './audit.js';
import { fromZod } from './errors.js';
import { announceChange, changeContent } from './events.js';
import { sanitizeBody } from './html.js';
import { slugSchema } from '../util/slug.js';
import { nowIso, type IsoTime } from './time.js';

/** Static pages: about, contact, legal texts. */
export interface Page {
  id: number;
  slug: string;
  title: string;
  /** Sanitised HTML. */
  body: string;
  updatedAt: IsoTime;
}

export const pageInput = z.object({
  slug: slugSchema(),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(1_000_000),
});
export type PageInput = z.input<typeof pageInput>;

const toPage = (r: Selectable<PagesTable>): Page => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  body: r.body,
  updatedAt: r.updated_at,
});

export async function listPages(db: DB): Promise<Page[]> {
  return (await db.selectFrom('pages').selectAll().orderBy('title').execute()).map(toPage);
}

export async function findPage(db: DB, slug: string): Promise<Page | null> {
  const row = await db.selectFrom('pages').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toPage(row) : null;
}

/** Creates the page or replaces the one with the same slug, with its audit entry, in one transaction. */
export async function savePage(db: DB, input: PageInput, actor: Actor, now: IsoTime = nowIso()): Promise<Page> {
  const parsed = pageInput.safeParse(input);
  if (!parsed.success) throw fromZod('page', parsed.error);
  const values = { ...parsed.data, body: sanitizeBody(parsed.data.body), updated_at: now };
  return changeContent(db, async (trx) => {
    await trx
      .insertInto('pages')
      .values(values)
      .onConflict((oc) => oc.column('slug').doUpdateSet({ title: values.title, body: values.body, updated_at: now }))
      .execute();
    await recordAudit(trx, actor, 'page.save', `page ${values.slug}`, '', now);
    announceChange(trx);
    return (await findPage(trx, values.slug))!;
  });
}

/** Creates the page only if no page has that slug yet (keeps an editor's changes). */
export async function ensurePage(db: DB, input: PageInput, actor: Actor, now: IsoTime = nowIso()): Promise<void> {
  if (!(await findPage(db, input.slug))) await savePage(db, input, actor, now);
}
