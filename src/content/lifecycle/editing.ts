import type { DB } from '../../db/connect.js';
import { deleteArticleRow, insertArticle, recordRevision, stateOf, updateArticleRow, type ArticleState } from '../article-store.js';
import { inputOf, validateArticle, type AiInvolvement, type Article, type ArticleInput } from '../article-model.js';
import { listRevisions } from '../article-reads.js';
import { recordAudit } from '../audit.js';
import { autosaveRevisionSummary } from '../autosave-revisions.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { changeContent } from '../events.js';
import { textOf } from '../html.js';
import { nowIso, toIso, type IsoTime } from '../time.js';
import { isPerson, load, subjectOf, type CommandContext, type TextOrigin } from './command.js';
import { PublicationRefused, publicationRefusal, utc, type AgencyState, type PublishOptions } from './guard.js';

// Creating an article, changing its text or filing (never its state), restoring a revision,
// and deleting a draft that never went out.

export interface CreateOptions {
  /** Send it out at once (auto-publish, a Shot, the demo seed), guarded like any publication. */
  publish?: PublishOptions;
  /** Or schedule it (an auto-publish rule meeting an embargo). */
  schedule?: { at: IsoTime } & PublishOptions;
  /** What the agency says about its copy. */
  agency?: AgencyState;
  /** The story a Shot is made from. */
  derivedFrom?: number | null;
  /** Who wrote its text; by default a person when the actor is one, else the agency. */
  textBy?: TextOrigin;
  /** The audit entry's detail (e.g. "auto-published from Meridian News Agency"). */
  detail?: string;
}

/** Creates an article: a draft, or (guarded) published or scheduled at once. */
export async function createArticle(db: DB, input: ArticleInput, ctx: CommandContext, options: CreateOptions = {}): Promise<Article> {
  const now = ctx.now ?? nowIso();
  const a = validateArticle({ ...input, createdBy: input.createdBy ?? ctx.actor.userId ?? null });
  const textBy = options.textBy ?? (isPerson(ctx.actor) ? 'person' : 'agency');
  let state: ArticleState = {
    status: 'draft',
    scheduledFor: null,
    publishedAt: null,
    humanReviewed: false,
    humanEdited: textBy === 'person',
    publishedVia: null,
    embargoUntil: options.agency?.embargoUntil ?? null,
    agencyHold: options.agency?.hold ?? null,
    derivedFrom: options.derivedFrom ?? null,
    statusReason: '',
  };
  let action = 'article.create';
  let summary = 'Created';
  const out = options.publish ?? options.schedule;
  if (out) {
    const at = options.schedule ? toIso(options.schedule.at) : now;
    if (options.schedule && at <= now) throw new ValidationError('The publication time must be in the future.');
    const refusal = publicationRefusal(state, at, out.override);
    if (refusal) throw refusal;
    const via = out.via ?? (isPerson(ctx.actor) ? 'desk' : 'auto');
    state = options.schedule
      ? { ...state, status: 'scheduled', scheduledFor: at, publishedVia: via, humanReviewed: out.reviewed === true }
      : { ...state, status: 'published', publishedAt: now, publishedVia: via, humanReviewed: out.reviewed === true };
    action = options.schedule ? 'article.schedule' : 'article.publish';
    summary = options.schedule ? `Created and scheduled for ${utc(at)}` : 'Created and published';
  }
  return changeContent(db, async (trx) => {
    const article = await insertArticle(trx, a, state, now);
    await recordRevision(trx, article, ctx.actor, now, summary);
    await recordAudit(trx, ctx.actor, action, subjectOf(article), options.detail ?? summary, now);
    return article;
  });
}

export interface EditOptions {
  textBy?: TextOrigin;
  /** A draft saved in the background: a revision and audit entry only now and then (autosave-revisions.ts). */
  autosave?: boolean;
  /** Audit action and detail instead of 'article.save' (e.g. 'media.upload'). */
  action?: string;
  summary?: string;
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();
const textOfFields = (a: { headline: string; standfirst: string; body: string }) => [words(a.headline), words(a.standfirst), words(textOf(a.body))];

/**
 * Changes an article's text or filing, never its state. A person's change of the headline,
 * standfirst or body marks it edited by the desk (an agency update will not overwrite it); text
 * a model generated becomes AI-assisted once a person changes it, and a person's save never turns
 * 'assisted' back into 'generated' (a form opened before an autosave still says 'generated').
 * Text replaced by a model or by the agency is no longer reviewed by a person.
 */
export async function editArticle(db: DB, id: number, patch: Partial<ArticleInput>, ctx: CommandContext, options: EditOptions = {}): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    if (current.status === 'killed') throw new PublicationRefused('killed', 'This story was killed by its agency: it cannot be changed any more.');
    const textBy = options.textBy ?? (isPerson(ctx.actor) ? 'person' : 'agency');
    const next = validateArticle({ ...inputOf(current), ...patch });
    const textChanged = textDiffers(current, next);
    const aiInvolvement = textBy === 'person' ? aiAfterPersonEdit(current.aiInvolvement, next.aiInvolvement, textChanged) : next.aiInvolvement;
    const state: Partial<ArticleState> = {
      humanEdited: current.humanEdited || (textBy === 'person' && textChanged),
      humanReviewed: !textChanged ? current.humanReviewed : textBy === 'person' ? current.humanReviewed || current.status === 'published' : false,
    };
    const now = ctx.now ?? nowIso();
    const article = await updateArticleRow(trx, current, { ...next, aiInvolvement }, { ...stateOf(current), ...state }, now);
    // An autosave keeps a revision now and then (autosave-revisions.ts says when), audited as one.
    const autosaved = options.autosave && current.status !== 'published' ? await autosaveRevisionSummary(trx, article, ctx.actor, now) : undefined;
    if (autosaved === null) return article;
    const summary = options.summary ?? autosaved ?? describeChange(current, article);
    await recordRevision(trx, article, ctx.actor, now, summary);
    const action = options.action ?? (autosaved ? 'article.autosave' : 'article.save');
    await recordAudit(trx, ctx.actor, action, subjectOf(article), `version ${article.version}: ${summary}`, now);
    return article;
  });
}

/** A person's change: generated text becomes assisted once its words change; a person's save
 *  never turns assisted back into generated; any other value the person sets stands. */
export function aiAfterPersonEdit(current: AiInvolvement, proposed: AiInvolvement, textChanged: boolean): AiInvolvement {
  if (current === 'assisted' && proposed === 'generated') return 'assisted';
  if (current === 'generated' && proposed === 'generated' && textChanged) return 'assisted';
  return proposed;
}

/** Whether the headline, standfirst or body words differ (spacing and markup aside). */
export function textDiffers(a: { headline: string; standfirst: string; body: string }, b: { headline: string; standfirst: string; body: string }): boolean {
  const x = textOfFields(a);
  return textOfFields(b).some((t, i) => t !== x[i]);
}

const comparedFields = [
  'headline',
  'standfirst',
  'body',
  'datelineCity',
  'byline',
  'countries',
  'sectors',
  'hero',
  'sources',
  'aiInvolvement',
  'kind',
  'slug',
  'editionId',
] as const;

function describeChange(before: Article, after: Article): string {
  const changed = comparedFields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  return changed.length ? `Changed ${changed.join(', ')}` : 'Saved without changes';
}

/** Makes an earlier revision's text and filing current again (its state and sources stay). */
export async function restoreRevision(db: DB, articleId: number, revisionId: number, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, articleId, ctx);
    const revision = (await listRevisions(trx, articleId)).find((r) => r.id === revisionId);
    if (!revision) throw new NotFoundError(`Article ${articleId} has no revision ${revisionId}`);
    const s = revision.snapshot;
    return editArticle(
      trx,
      current.id,
      {
        headline: s.headline,
        standfirst: s.standfirst,
        body: s.body,
        datelineCity: s.datelineCity,
        byline: s.byline,
        countries: s.countries,
        sectors: s.sectors,
        heroMediaId: s.hero?.id ?? null,
        aiInvolvement: s.aiInvolvement,
        kind: s.kind,
      },
      { ...ctx, expectedVersion: undefined },
      { action: 'article.restore', summary: `Restored the revision of ${revision.createdAt}` },
    );
  });
}

/** Deletes an article that was never published (a published story is unpublished instead, so
 *  its address answers 410 and its history stays). */
export async function deleteDraft(db: DB, id: number, ctx: CommandContext): Promise<void> {
  await changeContent(db, async (trx) => {
    const article = await load(trx, id, ctx);
    if (article.publishedAt || !['draft', 'review', 'killed'].includes(article.status)) {
      throw new ValidationError('Only drafts that were never published can be deleted; unpublish a published story instead.');
    }
    await deleteArticleRow(trx, id);
    await recordAudit(trx, ctx.actor, 'article.delete', subjectOf(article), '', ctx.now);
  });
}
