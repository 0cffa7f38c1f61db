import { dialectOf, type DB } from '../db/connect.js';
import { changeContent } from './events.js';
import { removeArticleText } from './search-index.js';
import { getArticle, listRevisions, updateArticle, type Article, type ArticleInput } from './articles.js';
import { recordAudit, type Actor } from './audit.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { nowIso, toIso, type IsoTime } from './time.js';
import { sql } from 'kysely';

/*
 * The named commands that move an article through the desk: draft → review → published, or
 * scheduled; unpublished; back to draft; restore a revision. Routes, the CLI, the scheduler and
 * the wire desk all change workflow state through these, each in one transaction with its
 * audit entry.
 */

export interface CommandContext {
  actor: Actor;
  now?: IsoTime;
  expectedVersion?: number;
}

const subjectOf = (a: Pick<Article, 'id' | 'headline'>) => `article ${a.id}: ${a.headline}`;

async function transition(db: DB, id: number, patch: Partial<ArticleInput>, action: string, ctx: CommandContext, detail = ''): Promise<Article> {
  return changeContent(db, async (trx) => {
    const article = await updateArticle(trx, id, patch, {
      actor: ctx.actor.name,
      userId: ctx.actor.userId,
      now: ctx.now,
      expectedVersion: ctx.expectedVersion,
      summary: action.replace('article.', '').replace(/^\w/, (c) => c.toUpperCase()),
    });
    await recordAudit(trx, ctx.actor, action, subjectOf(article), detail, ctx.now);
    return article;
  });
}

export const submitForReview = (db: DB, id: number, ctx: CommandContext) => transition(db, id, { status: 'review' }, 'article.submit', ctx);
export const returnToDraft = (db: DB, id: number, ctx: CommandContext) => transition(db, id, { status: 'draft', scheduledFor: null }, 'article.draft', ctx);
export const publishArticle = (db: DB, id: number, ctx: CommandContext) => transition(db, id, { status: 'published', scheduledFor: null }, 'article.publish', ctx);
export const unpublishArticle = (db: DB, id: number, ctx: CommandContext) => transition(db, id, { status: 'unpublished' }, 'article.unpublish', ctx);

export async function scheduleArticle(db: DB, id: number, at: IsoTime, ctx: CommandContext): Promise<Article> {
  const when = toIso(at);
  if (Date.parse(when) <= Date.parse(ctx.now ?? nowIso())) throw new ValidationError('The publication time must be in the future.');
  return transition(db, id, { status: 'scheduled', scheduledFor: when }, 'article.schedule', ctx, `for ${when}`);
}

/** Publishes every scheduled article whose time has come. On PostgreSQL the due rows are locked
 *  with SKIP LOCKED, so with several processes each article is published by exactly one. */
export async function publishDueArticles(db: DB, now: IsoTime = nowIso()): Promise<number[]> {
  return changeContent(db, async (trx) => {
    const lock = dialectOf(trx) === 'postgres' ? sql` for update skip locked` : sql``;
    const { rows } = await sql<{ id: number }>`select id from articles
      where status = 'scheduled' and scheduled_for <= ${now} order by scheduled_for, id limit 100${lock}`.execute(trx);
    const published: number[] = [];
    for (const { id } of rows) {
      await transition(trx, id, { status: 'published', scheduledFor: null }, 'article.publish', { actor: { name: 'scheduler', userId: null }, now }, 'as scheduled');
      published.push(id);
    }
    return published;
  });
}

/** Makes an earlier revision the current text again (a new revision records the restore). */
export async function restoreRevision(db: DB, articleId: number, revisionId: number, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await getArticle(trx, articleId);
    if (!current) throw new NotFoundError(`No article with id ${articleId}`);
    const revision = (await listRevisions(trx, articleId)).find((r) => r.id === revisionId);
    if (!revision) throw new NotFoundError(`Article ${articleId} has no revision ${revisionId}`);
    const s = revision.snapshot;
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== current.version) throw new ConflictError(`Article ${articleId} changed meanwhile.`);
    const article = await updateArticle(
      trx,
      articleId,
      {
        headline: s.headline, standfirst: s.standfirst, body: s.body, datelineCity: s.datelineCity, byline: s.byline,
        countries: s.countries, sectors: s.sectors, heroMediaId: s.hero?.id ?? null, sources: s.sources,
        aiInvolvement: s.aiInvolvement, humanReviewed: s.humanReviewed, kind: s.kind,
      },
      { actor: ctx.actor.name, userId: ctx.actor.userId, now: ctx.now, summary: `Restored the revision of ${revision.createdAt}` },
    );
    await recordAudit(trx, ctx.actor, 'article.restore', subjectOf(article), `revision ${revisionId}`, ctx.now);
    return article;
  });
}

export interface Correction {
  id: number;
  at: IsoTime;
  note: string;
  actor: string;
}

/** Adds a correction note to a published article: shown on the page with its time, and an
 *  update of the article (new Updated time, a revision, an audit entry). */
export async function addCorrection(db: DB, articleId: number, note: string, ctx: CommandContext): Promise<Correction> {
  const text = note.trim();
  if (!text) throw new ValidationError('Write the correction note.');
  if (text.length > 2000) throw new ValidationError('A correction note has at most 2,000 characters.');
  const at = ctx.now ?? nowIso();
  return changeContent(db, async (trx) => {
    const article = await getArticle(trx, articleId);
    if (!article) throw new NotFoundError(`No article with id ${articleId}`);
    if (article.status !== 'published') throw new ValidationError('Corrections are for published articles; edit a draft directly.');
    const row = await trx
      .insertInto('article_corrections')
      .values({ article_id: articleId, at, note: text, user_id: ctx.actor.userId, actor: ctx.actor.name })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await updateArticle(trx, articleId, {}, { actor: ctx.actor.name, userId: ctx.actor.userId, now: at, summary: `Correction: ${text.slice(0, 200)}` });
    await recordAudit(trx, ctx.actor, 'article.correct', subjectOf(article), text.slice(0, 500), at);
    return { id: row.id, at, note: text, actor: ctx.actor.name };
  });
}

export async function listCorrections(db: DB, articleId: number): Promise<Correction[]> {
  const rows = await db.selectFrom('article_corrections').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, at: r.at, note: r.note, actor: r.actor }));
}

/** Deletes a draft that was never published (a published story is unpublished instead, so
 *  its address answers 410 and its history stays). */
export async function deleteDraft(db: DB, id: number, ctx: CommandContext): Promise<void> {
  await changeContent(db, async (trx) => {
    const article = await getArticle(trx, id);
    if (!article) throw new NotFoundError(`No article with id ${id}`);
    if (article.publishedAt || !['draft', 'review'].includes(article.status)) {
      throw new ValidationError('Only drafts that were never published can be deleted; unpublish a published story instead.');
    }
    await removeArticleText(trx, id);
    await trx.deleteFrom('articles').where('id', '=', id).execute();
    await recordAudit(trx, ctx.actor, 'article.delete', subjectOf(article), '', ctx.now);
  });
}
