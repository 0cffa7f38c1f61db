import { sql } from 'kysely';
import { dialectOf, type DB } from '../db/connect.js';
import {
  deleteArticleRow,
  insertArticle,
  insertImportedStories,
  recordRevision,
  stateOf,
  updateArticleRow,
  type ArticleState,
  type ImportedStory,
} from './article-store.js';
import { getArticle, inputOf, listRevisions, validateArticle, type AiInvolvement, type Article, type ArticleInput, type ArticleStatus } from './articles.js';
import { recordAudit, type Actor } from './audit.js';
import { autosaveRevisionSummary } from './autosave-revisions.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { changeContent } from './events.js';
import { sanitizeBody, textOf } from './html.js';
import { notify, type NewNotification } from './notifications.js';
import { nowIso, toIso, type IsoTime } from './time.js';

/*
 * An article's life, in one place. Its states are draft, review, scheduled, published, held (off
 * the site while an agency withholds its copy), unpublished (taken down by the desk) and killed
 * (canceled by the agency, for good). Every change is one of the named commands below, each one
 * transaction holding the change, its revision, its audit entry, its publication event and any
 * notification. The newsroom, the wire inbox, wire ingest and auto-publish, the scheduler, the
 * CLI and the demo seed all call these and nothing else; only this module uses the article
 * store, so nothing else can set a status (test/content/lifecycle-paths.test.ts checks both).
 *
 * The guards live here too, whatever the path: no publication or schedule before the agency's
 * embargo lifts; none while the latest agency version of its copy is withheld (unless an editor
 * overrides with a written reason); none ever for a killed story.
 */

export interface CommandContext {
  actor: Actor;
  now?: IsoTime;
  /** Refuse the change if the article's version is no longer this one. */
  expectedVersion?: number;
}

/** Who wrote a text change: a person, a language model, or the agency (an update of its copy). */
export type TextOrigin = 'person' | 'machine' | 'agency';

/** How it goes out: the facts the disclosure line is made from. */
export interface PublishOptions {
  /** Sent out by the desk, or by an auto-publish rule with no person involved. */
  via?: 'desk' | 'auto';
  /** A person had the whole text in front of them (the editor) when they sent it out. */
  reviewed?: boolean;
  /** An editor's written reason to publish although the agency withholds the copy. */
  override?: string;
}

/** What the agency says about the copy in a story: its latest embargo and any legal hold. */
export interface AgencyState {
  embargoUntil: IsoTime | null;
  hold: string | null;
}

export type RefusalReason = 'embargo' | 'hold' | 'killed' | 'state';

/** A publication or change the rules forbid. Nothing was changed; the message says why. */
export class PublicationRefused extends ValidationError {
  override name = 'PublicationRefused';
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly until: IsoTime | null = null,
  ) {
    super(message);
  }
}

/** The states each command starts from: the one table of allowed transitions. */
export const allowedFrom = {
  submit: ['draft'],
  draft: ['review', 'scheduled', 'unpublished', 'held'],
  publish: ['draft', 'review', 'scheduled', 'unpublished', 'held'],
  schedule: ['draft', 'review', 'scheduled', 'unpublished'],
  unpublish: ['published', 'held'],
} as const satisfies Record<string, readonly ArticleStatus[]>;
export type LifecycleCommand = keyof typeof allowedFrom;

export const mayRun = (command: LifecycleCommand, status: ArticleStatus) => (allowedFrom[command] as readonly ArticleStatus[]).includes(status);

const DESK = 'article.publish';
const isPerson = (actor: Actor) => actor.userId !== null;
/** How the audit log names an article. */
export const subjectOf = (a: Pick<Article, 'id' | 'headline'>) => `article ${a.id}: ${a.headline}`;
const utc = (iso: IsoTime) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const MAX_OVERRIDE = 1000;

/** Why a story may not go out at `at`, or null when it may. */
export function publicationRefusal(
  a: Pick<Article, 'status' | 'statusReason' | 'embargoUntil' | 'agencyHold'>,
  at: IsoTime,
  override?: string,
): PublicationRefused | null {
  if (a.status === 'killed') {
    return new PublicationRefused('killed', `This story was killed${a.statusReason ? ` (${a.statusReason})` : ''}. Killed copy can never be published again.`);
  }
  if (a.embargoUntil && a.embargoUntil > at) {
    return new PublicationRefused(
      'embargo',
      `The agency's embargo runs until ${utc(a.embargoUntil)}: the story cannot go out before then. Schedule it for when the embargo lifts.`,
      a.embargoUntil,
    );
  }
  if (a.agencyHold && !override?.trim()) {
    return new PublicationRefused(
      'hold',
      `${a.agencyHold.replace(/[.]?$/, '.')} It cannot be published while the agency withholds it; an editor may publish it anyway, giving a written reason.`,
    );
  }
  return null;
}

function refuseUnless(command: LifecycleCommand, a: Article, verb: string): void {
  if (!mayRun(command, a.status)) {
    throw new PublicationRefused(
      a.status === 'killed' ? 'killed' : 'state',
      a.status === 'killed' ? 'This story was killed by its agency: it cannot be changed any more.' : `This story is ${a.status}: it cannot be ${verb}.`,
    );
  }
}

async function load(trx: DB, id: number, ctx: CommandContext): Promise<Article> {
  const article = await getArticle(trx, id);
  if (!article) throw new NotFoundError(`No article with id ${id}`);
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== article.version) {
    throw new ConflictError(`Article ${id} was changed at ${article.updatedAt} (version ${article.version}); your copy is version ${ctx.expectedVersion}.`);
  }
  return article;
}

/** Stores a change of state (text as it is) with its revision and audit entry. */
async function change(
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

const tell = (trx: DB, n: NewNotification, ctx: CommandContext) => notify(trx, n, ctx.now ?? nowIso());

// ── Creating and editing ────────────────────────────────────────────────────

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

// ── Moving through the desk ─────────────────────────────────────────────────

export async function submitForReview(db: DB, id: number, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('submit', current, 'submitted for review');
    const article = await change(trx, current, { status: 'review' }, ctx, { action: 'article.submit', summary: 'Submitted for review' });
    await tell(
      trx,
      { kind: 'review', audience: DESK, articleId: id, title: `For review: ${article.headline}`, message: `Submitted by ${ctx.actor.name}.` },
      ctx,
    );
    return article;
  });
}

export async function returnToDraft(db: DB, id: number, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('draft', current, 'returned to draft');
    return change(trx, current, { status: 'draft', scheduledFor: null, statusReason: '' }, ctx, { action: 'article.draft', summary: 'Back to draft' });
  });
}

/** Publishes now, if the guards allow it. */
export async function publishArticle(db: DB, id: number, ctx: CommandContext, options: PublishOptions = {}): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('publish', current, 'published');
    const now = ctx.now ?? nowIso();
    const override = options.override?.trim() ?? '';
    if (override.length > MAX_OVERRIDE) throw new ValidationError(`The reason has at most ${MAX_OVERRIDE} characters.`);
    const refusal = publicationRefusal(current, now, override);
    if (refusal) throw refusal;
    const overriding = Boolean(current.agencyHold && override);
    if (current.agencyHold && override.length < 10)
      throw new ValidationError('Give the reason for publishing despite the agency’s hold in a sentence (at least 10 characters).');
    const article = await change(
      trx,
      current,
      {
        status: 'published',
        scheduledFor: null,
        publishedAt: current.publishedAt ?? now,
        publishedVia: options.via ?? (current.status === 'scheduled' ? current.publishedVia : null) ?? (isPerson(ctx.actor) ? 'desk' : 'auto'),
        humanReviewed: current.humanReviewed || options.reviewed === true,
        statusReason: '',
      },
      ctx,
      overriding
        ? { action: 'article.hold-override', summary: 'Published despite the agency’s hold', detail: `${current.agencyHold} Reason: ${override}` }
        : { action: 'article.publish', summary: current.status === 'scheduled' && !isPerson(ctx.actor) ? 'Published as scheduled' : 'Published' },
    );
    return article;
  });
}

/** Schedules publication for `at` (in the future, and not before the embargo lifts). */
export async function scheduleArticle(db: DB, id: number, at: IsoTime, ctx: CommandContext, options: Omit<PublishOptions, 'override'> = {}): Promise<Article> {
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new ValidationError('Give the publication time as a date and a time.');
  const when = toIso(at);
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('schedule', current, 'scheduled');
    if (when <= (ctx.now ?? nowIso())) throw new ValidationError('The publication time must be in the future.');
    const refusal = publicationRefusal(current, when);
    if (refusal) throw refusal;
    return change(
      trx,
      current,
      {
        status: 'scheduled',
        scheduledFor: when,
        publishedVia: options.via ?? (isPerson(ctx.actor) ? 'desk' : 'auto'),
        humanReviewed: current.humanReviewed || options.reviewed === true,
        statusReason: '',
      },
      ctx,
      { action: 'article.schedule', summary: `Scheduled for ${utc(when)}` },
    );
  });
}

/** Schedules publication for the moment the agency's embargo lifts. */
export async function scheduleForEmbargo(db: DB, id: number, ctx: CommandContext, options: Omit<PublishOptions, 'override'> = {}): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    if (!current.embargoUntil || current.embargoUntil <= (ctx.now ?? nowIso()))
      throw new ValidationError('No agency embargo is running on this story: publish it, or schedule it for a time of your choice.');
    return scheduleArticle(trx, id, current.embargoUntil, { ...ctx, expectedVersion: undefined }, options);
  });
}

/** Takes a story off the site (its address answers 410). */
export async function unpublishArticle(db: DB, id: number, ctx: CommandContext, reason = ''): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('unpublish', current, 'unpublished');
    return change(trx, current, { status: 'unpublished', statusReason: reason }, ctx, {
      action: 'article.unpublish',
      summary: reason ? `Unpublished: ${reason}` : 'Unpublished',
    });
  });
}

/**
 * Publishes every scheduled article whose time has come, checking the guards again at that
 * moment: an embargo moved later reschedules the story for the new time; a hold sends it back to
 * the desk. Both are told. On PostgreSQL due rows are locked (SKIP LOCKED), so with several
 * processes each article is published by exactly one.
 */
export async function publishDueArticles(db: DB, now: IsoTime = nowIso()): Promise<number[]> {
  const ctx: CommandContext = { actor: { name: 'scheduler', userId: null }, now };
  return changeContent(db, async (trx) => {
    const lock = dialectOf(trx) === 'postgres' ? sql` for update skip locked` : sql``;
    const { rows } = await sql<{ id: number }>`select id from articles
      where status = 'scheduled' and scheduled_for <= ${now} order by scheduled_for, id limit 100${lock}`.execute(trx);
    const published: number[] = [];
    for (const { id } of rows) {
      const current = (await getArticle(trx, id))!;
      const refusal = publicationRefusal(current, now);
      if (!refusal) {
        await publishArticle(trx, id, ctx);
        published.push(id);
      } else if (refusal.reason === 'embargo' && refusal.until) {
        await change(trx, current, { scheduledFor: refusal.until }, ctx, {
          action: 'article.schedule',
          summary: `Rescheduled for ${utc(refusal.until)}: the agency moved its embargo`,
        });
        await tell(trx, { kind: 'schedule-refused', audience: DESK, articleId: id, title: `Rescheduled: ${current.headline}`, message: refusal.message }, ctx);
      } else {
        await change(trx, current, { status: 'draft', scheduledFor: null, statusReason: refusal.message }, ctx, {
          action: 'article.draft',
          summary: `Not published as scheduled: ${refusal.message}`,
        });
        await tell(
          trx,
          { kind: 'schedule-refused', audience: DESK, articleId: id, title: `Not published: ${current.headline}`, message: refusal.message },
          ctx,
        );
      }
    }
    return published;
  });
}

// ── What the agency says ────────────────────────────────────────────────────

/**
 * Records the agency's embargo and hold over a story's copy (the wire desk calls this whenever a
 * version arrives), and acts on them: a withheld version takes a live story off the site at once
 * (held) and stops a scheduled one; a newer usable version brings a held story back (or schedules
 * it for a new embargo). Shots made from the story follow it. The desk is told.
 */
export async function applyAgencyState(db: DB, id: number, agency: AgencyState, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    for (const derived of await derivedArticles(trx, id)) await applyAgencyState(trx, derived, agency, { ...ctx, expectedVersion: undefined });
    const now = ctx.now ?? nowIso();
    const facts = { embargoUntil: agency.embargoUntil, agencyHold: agency.hold };
    if (current.status === 'killed' || (current.embargoUntil === agency.embargoUntil && current.agencyHold === agency.hold)) return current;
    if (agency.hold && !current.agencyHold && (current.status === 'published' || current.status === 'scheduled')) {
      const wasLive = current.status === 'published';
      const article = await change(
        trx,
        current,
        { ...facts, ...(wasLive ? { status: 'held' as const } : { status: 'draft' as const, scheduledFor: null }), statusReason: agency.hold },
        ctx,
        { action: 'article.hold', summary: `${wasLive ? 'Taken off the site' : 'Schedule stopped'}: ${agency.hold}` },
      );
      await tell(
        trx,
        {
          kind: 'agency-hold',
          audience: DESK,
          articleId: id,
          title: `${wasLive ? 'Off the site' : 'Schedule stopped'}: ${current.headline}`,
          message: agency.hold,
        },
        ctx,
      );
      return article;
    }
    if (!agency.hold && current.agencyHold) {
      const back = current.status === 'held';
      const refusal = back ? publicationRefusal({ ...current, ...facts }, now) : null;
      const state: Partial<ArticleState> = !back
        ? facts
        : !refusal
          ? { ...facts, status: 'published', statusReason: '' }
          : refusal.reason === 'embargo' && refusal.until
            ? { ...facts, status: 'scheduled', scheduledFor: refusal.until, statusReason: '' }
            : facts;
      const article = await change(trx, current, state, ctx, {
        action: 'article.release',
        summary: back ? 'Back on the site: the agency sent a usable version' : 'The agency lifted its hold',
      });
      await tell(
        trx,
        {
          kind: 'agency-release',
          audience: DESK,
          articleId: id,
          title: `${back ? 'Back on the site' : 'Hold lifted'}: ${current.headline}`,
          message: 'The agency sent a newer, usable version.',
        },
        ctx,
      );
      return article;
    }
    if (current.status === 'scheduled' && agency.embargoUntil && current.scheduledFor && agency.embargoUntil > current.scheduledFor) {
      return change(trx, current, { ...facts, scheduledFor: agency.embargoUntil }, ctx, {
        action: 'article.schedule',
        summary: `Rescheduled for ${utc(agency.embargoUntil)}: the agency moved its embargo`,
      });
    }
    return change(trx, current, facts, ctx, {
      action: 'article.agency-state',
      summary: agency.hold
        ? `Withheld by the agency: ${agency.hold}`
        : agency.embargoUntil && agency.embargoUntil > now
          ? `Under embargo until ${utc(agency.embargoUntil)}`
          : 'Agency embargo and holds updated',
    });
  });
}

/** The agency canceled the copy: the story is killed, off the site for good (410), and so are Shots made from it. */
export async function killArticle(db: DB, id: number, reason: string, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    for (const derived of await derivedArticles(trx, id)) await killArticle(trx, derived, reason, { ...ctx, expectedVersion: undefined });
    if (current.status === 'killed') return current;
    const article = await change(trx, current, { status: 'killed', scheduledFor: null, statusReason: reason }, ctx, {
      action: 'article.kill',
      summary: `Killed: ${reason}`,
    });
    if (['published', 'held', 'scheduled'].includes(current.status)) {
      await tell(trx, { kind: 'agency-kill', audience: DESK, articleId: id, title: `Killed: ${current.headline}`, message: reason }, ctx);
    }
    return article;
  });
}

async function derivedArticles(trx: DB, id: number): Promise<number[]> {
  return (await trx.selectFrom('articles').select('id').where('derived_from', '=', id).execute()).map((r) => r.id);
}

/** Tells the desk once about each embargo that lifted on a story it has not published yet. */
export async function notifyLiftedEmbargoes(db: DB, now: IsoTime = nowIso()): Promise<number> {
  const since = new Date(Date.parse(now) - 7 * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'embargo_until'])
    .where('embargo_until', '>', since)
    .where('embargo_until', '<=', now)
    .where('status', 'in', ['draft', 'review', 'held'])
    .limit(200)
    .execute();
  for (const r of rows) {
    await notify(
      db,
      {
        kind: 'embargo-lifted',
        audience: DESK,
        articleId: r.id,
        title: `Embargo lifted: ${r.headline}`,
        message: `The agency's embargo ended at ${utc(r.embargo_until!)}; the story may be published.`,
        dedupeKey: `embargo:${r.id}:${r.embargo_until}`,
      },
      now,
    );
  }
  return rows.length;
}

// ── Corrections and removal ─────────────────────────────────────────────────

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
    const current = await load(trx, articleId, ctx);
    if (current.status !== 'published') throw new ValidationError('Corrections are for published articles; edit a draft directly.');
    const row = await trx
      .insertInto('article_corrections')
      .values({ article_id: articleId, at, note: text, user_id: ctx.actor.userId, actor: ctx.actor.name })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await change(
      trx,
      current,
      {},
      { ...ctx, now: at },
      { action: 'article.correct', summary: `Correction: ${text.slice(0, 200)}`, detail: text.slice(0, 500) },
    );
    return { id: row.id, at, note: text, actor: ctx.actor.name };
  });
}

export async function listCorrections(db: DB, articleId: number): Promise<Correction[]> {
  const rows = await db.selectFrom('article_corrections').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, at: r.at, note: r.note, actor: r.actor }));
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

export type { ImportedStory };

/**
 * Brings in stories already published elsewhere, whole and with their ids, in one go (call it
 * inside a transaction; ids must be free). Bodies are sanitised unless the caller made them
 * itself from escaped text (`bodiesAreSafe`, the demo archive). No publication events or
 * notifications: nothing new went out, and a bulk load runs with the site's caches cold.
 */
export async function importPublishedStories(trx: DB, stories: readonly ImportedStory[], options: { bodiesAreSafe?: boolean } = {}): Promise<void> {
  const checked = options.bodiesAreSafe ? stories : stories.map((s) => ({ ...s, body: sanitizeBody(s.body), text: s.text || textOf(s.body) }));
  await insertImportedStories(trx, checked);
}
