import type { DB } from '../../db/connect.js';
import { recordRevision, stateOf, updateArticleRow, type ArticleState } from '../article-store.js';
import { inputOf, validateArticle, type Article, type ArticleInput } from '../article-model.js';
import { getArticle } from '../article-reads.js';
import { recordAudit, type Actor } from '../audit.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { notify, type NewNotification } from '../notifications.js';
import { nowIso, type IsoTime } from '../time.js';

// What the lifecycle commands share: their context, loading the article they change (at the
// version the caller saw), and storing a change of state with its revision and audit entry.
// Only the modules of content/lifecycle/ use these; they are not part of lifecycle.ts.

export type { ArticleState };

export interface CommandContext {
  actor: Actor;
  now?: IsoTime;
  /** Refuse the change if the article's version is no longer this one. */
  expectedVersion?: number;
}

/** Who wrote a text change: a person, a language model, or the agency (an update of its copy). */
export type TextOrigin = 'person' | 'machine' | 'agency';

/** Who the desk's notifications go to: those who may publish. */
export const DESK = 'article.publish';
export const isPerson = (actor: Actor) => actor.userId !== null;
/** How the audit log names an article. */
export const subjectOf = (a: Pick<Article, 'id' | 'headline'>) => `article ${a.id}: ${a.headline}`;

/** The article to change, refused when it is gone or changed since the caller read it. */
export async function load(trx: DB, id: number, ctx: CommandContext): Promise<Article> {
  const article = await getArticle(trx, id);
  if (!article) throw new NotFoundError(`No article with id ${id}`);
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== article.version) {
    throw new ConflictError(`Article ${id} was changed at ${article.updatedAt} (version ${article.version}); your copy is version ${ctx.expectedVersion}.`);
  }
  return article;
}

/** Stores a change of state (text as it is) with its revision and audit entry. */
export async function change(
  trx: DB,
  current: Article,
  state: Partial<ArticleState>,
  ctx: CommandContext,
  audit: { action: string; summary: string; detail?: string },
  input?: ArticleInput,
): Promise<Article> {
  const now = ctx.now ?? nowIso();
  const article = await updateArticleRow(trx, current, validateArticle(input ?? inputOf(current)), { ...stateOf(current), ...state }, now);
  await recordRevision(trx, article, ctx.actor, now, audit.summary);
  await recordAudit(trx, ctx.actor, audit.action, subjectOf(article), audit.detail ?? audit.summary, now);
  return article;
}

/** Tells the desk, at the command's time. */
export const tell = (trx: DB, n: NewNotification, ctx: CommandContext) => notify(trx, n, ctx.now ?? nowIso());
