import { getArticle, type Article } from '../content/articles.js';
import { recordAudit, type Actor } from '../content/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../content/errors.js';
import { subjectOf } from '../content/lifecycle.js';
import { nowIso } from '../content/time.js';
import { inTransaction, type DB } from '../db/connect.js';
import { discardStory, publishFromInbox } from './inbox.js';

/**
 * The inbox's triage of many stories at once: publish, discard or assign each of a chosen set.
 * Each story goes through the same command as when it is handled alone (publishing through the
 * lifecycle's publish, with its embargo, hold and kill guards), in its own transaction, so one
 * refusal leaves the others done; a refusal is audited like the action would have been.
 */

/** At most this many stories in one bulk action (a page of the inbox). */
export const MAX_BULK = 100;

export type BulkAction = 'publish' | 'discard' | 'assign';

export interface BulkOutcome {
  articleId: number;
  /** The story's headline when it exists (before a discard removed it). */
  headline: string | null;
  done: boolean;
  /** Why it was refused, in the desk's words; null when done. */
  reason: string | null;
  /** The story as it is after the action (null when discarded or missing). */
  article: Article | null;
}

export interface BulkOptions {
  actor: Actor;
  now?: string;
  /** Who is acting may handle this story (the route's per-story permission); a reason when not. */
  refuse?: (article: Article) => string | null;
}

const refusedAction: Record<BulkAction, string> = { publish: 'article.publish-refused', discard: 'article.discard-refused', assign: 'story.assign-refused' };

/** A story made from agency copy, or why it is not one the inbox may act on. */
async function inboxStory(db: DB, articleId: number): Promise<Article> {
  const article = await getArticle(db, articleId);
  if (!article) throw new NotFoundError(`There is no story ${articleId}.`);
  const fromWire = await db.selectFrom('wire_items').select('id').where('article_id', '=', articleId).limit(1).executeTakeFirst();
  if (!fromWire) throw new ValidationError('This story was not made from agency copy: it is not in the inbox.');
  return article;
}

async function eachStory(
  db: DB,
  action: BulkAction,
  ids: readonly number[],
  options: BulkOptions,
  run: (article: Article) => Promise<Article | null>,
): Promise<BulkOutcome[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new ValidationError('Choose at least one story.');
  if (unique.length > MAX_BULK) throw new ValidationError(`Choose at most ${MAX_BULK} stories at a time.`);
  const outcomes: BulkOutcome[] = [];
  for (const articleId of unique) {
    let headline: string | null = null;
    try {
      const article = await inboxStory(db, articleId);
      headline = article.headline;
      const refusal = options.refuse?.(article);
      if (refusal) throw new ValidationError(refusal);
      outcomes.push({ articleId, headline, done: true, reason: null, article: await run(article) });
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof NotFoundError || error instanceof ConflictError)) throw error;
      await recordAudit(
        db,
        options.actor,
        refusedAction[action],
        headline === null ? `article ${articleId}` : subjectOf({ id: articleId, headline }),
        error.message,
        options.now ?? nowIso(),
      );
      outcomes.push({ articleId, headline, done: false, reason: error.message, article: null });
    }
  }
  return outcomes;
}

/** Publishes each story now, as the inbox's Publish does; the guards refuse story by story. */
export function publishStories(db: DB, ids: readonly number[], options: BulkOptions): Promise<BulkOutcome[]> {
  return eachStory(db, 'publish', ids, options, (a) => publishFromInbox(db, a.id, options.actor, options.now));
}

/** Discards each story (never-published drafts only), as the inbox's Discard does. */
export function discardStories(db: DB, ids: readonly number[], options: BulkOptions): Promise<BulkOutcome[]> {
  return eachStory(db, 'discard', ids, options, async (a) => {
    await discardStory(db, a.id, options.actor, options.now);
    return null;
  });
}

/** Assigns each story to one person (or to nobody with null), audited story by story. */
export async function assignStories(db: DB, ids: readonly number[], userId: number | null, options: BulkOptions): Promise<BulkOutcome[]> {
  const user = userId === null ? null : await db.selectFrom('users').select(['id', 'email', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
  if (userId !== null && (!user || user.disabled_at)) throw new ValidationError('Choose a person with an active account to assign the stories to.');
  return eachStory(db, 'assign', ids, options, (a) =>
    inTransaction(db, async (trx) => {
      const now = options.now ?? nowIso();
      await trx.deleteFrom('inbox_assignments').where('article_id', '=', a.id).execute();
      if (user)
        await trx.insertInto('inbox_assignments').values({ article_id: a.id, user_id: user.id, assigned_by: options.actor.name, assigned_at: now }).execute();
      await recordAudit(trx, options.actor, user ? 'story.assign' : 'story.unassign', subjectOf(a), user ? `to ${user.email}` : '', now);
      return a;
    }),
  );
}

/** Who each story is assigned to: article id → the person's id and name. */
export async function assigneesOf(db: DB, articleIds: readonly number[]): Promise<Map<number, { userId: number; name: string }>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inbox_assignments as x')
    .innerJoin('users as u', 'u.id', 'x.user_id')
    .select(['x.article_id', 'u.id', 'u.display_name'])
    .where('x.article_id', 'in', [...new Set(articleIds)])
    .execute();
  return new Map(rows.map((r) => [r.article_id, { userId: r.id, name: r.display_name }]));
}

/** The newest agency item's row id: where "new since this page" starts counting. */
export async function newestItemId(db: DB): Promise<number> {
  const row = await db
    .selectFrom('wire_items')
    .select((eb) => eb.fn.max('id').as('newest'))
    .executeTakeFirst();
  return Number(row?.newest ?? 0);
}

/** Stories waiting for the desk that received copy after item `sinceId` (new arrivals). */
export async function arrivalsSince(db: DB, sinceId: number): Promise<number> {
  const row = await db
    .selectFrom('wire_items as w')
    .innerJoin('articles as a', 'a.id', 'w.article_id')
    .select((eb) => eb.fn.count<number>('w.article_id').distinct().as('stories'))
    .where('w.id', '>', sinceId)
    .where('w.discarded', '=', 0)
    .where('a.status', '=', 'draft')
    .executeTakeFirst();
  return Number(row?.stories ?? 0);
}

/** The agencies of the latest few thousand items: the inbox's agency filter (bounded, newest first). */
export async function recentAgencies(db: DB): Promise<string[]> {
  const rows = await db
    .selectFrom((eb) => eb.selectFrom('wire_items').select('agency').orderBy('id', 'desc').limit(5000).as('recent'))
    .select('recent.agency')
    .distinct()
    .execute();
  return rows.map((r) => r.agency).sort((a, b) => a.localeCompare(b));
}
