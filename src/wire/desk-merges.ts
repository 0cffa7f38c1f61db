import { getArticle, type Article, type ArticleSource } from '../content/articles.js';
import type { Actor } from '../content/audit.js';
import { recordAudit } from '../content/audit.js';
import { changeContent } from '../content/events.js';
import { NotFoundError, ValidationError } from '../content/errors.js';
import { textOf } from '../content/html.js';
import { createArticle, deleteDraft, editArticle, subjectOf } from '../content/lifecycle.js';
import { nowIso } from '../content/time.js';
import type { DB } from '../db/connect.js';
import { agencyStateOfItem } from './agency-copy.js';
import { defaultDedupeRules, keysOf, parseFingerprint, sameEvent, scoredCandidates, type Fingerprint } from './dedupe.js';
import { editionFor, holdReason, withoutSource, withSource } from './ingest.js';
import type { WireItem } from './item.js';
import type { PairFeatures } from './similarity.js';
import { storyText } from './story-text.js';
import { termStats } from './term-stats.js';
import { wordCount } from './text.js';
import { isRowId } from '../util/bounds.js';

/*
 * The desk corrects the duplicate detector. "Split" takes a report merged into a story out of
 * it, into a story of its own; "merge with…" folds a story the detector kept apart into the one
 * it reports. Each is one transaction through the lifecycle's commands, audited, and recorded as
 * a label (dedupe_labels: the pair, the desk's answer and the scorer's features for the pair),
 * which `npm run fit:dedupe` trains on (exported by `wiredesk dedupe-labels`).
 */

interface ItemRow {
  id: number;
  agency: string;
  item_id: string;
  version: number;
  version_time: string;
  status: string;
  payload: string;
  fingerprint: string | null;
  countries: string;
  sectors: string;
  summary: string;
  role: string;
}

const itemColumns = [
  'id',
  'agency',
  'item_id',
  'version',
  'version_time',
  'status',
  'payload',
  'fingerprint',
  'countries',
  'sectors',
  'summary',
  'role',
] as const;

/** The latest version of each item a story holds, main item first. */
async function latestItemsOf(trx: DB, articleId: number): Promise<ItemRow[]> {
  const rows = await trx
    .selectFrom('wire_items')
    .select(itemColumns)
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const seen = new Set<string>();
  const latest = rows.filter((r) => {
    const key = `${r.agency}\u0000${r.item_id}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return latest.sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1));
}

const fingerprintOfRow = (row: ItemRow): Fingerprint | null => (row.fingerprint ? parseFingerprint(row.fingerprint) : null);
const hoursBetween = (a: ItemRow, b: ItemRow) => (Date.parse(a.version_time) - Date.parse(b.version_time)) / 3600_000;

/** The scorer's features for a pair, as it would judge them now. */
async function featuresOf(trx: DB, a: ItemRow, b: ItemRow): Promise<PairFeatures | null> {
  const fa = fingerprintOfRow(a);
  const fb = fingerprintOfRow(b);
  if (!fa || !fb) return null;
  const stats = await termStats(trx, [fa.profile, fb.profile]);
  return sameEvent(fa, fb, stats, hoursBetween(a, b), defaultDedupeRules, a.agency === b.agency).features ?? null;
}

async function recordLabel(trx: DB, a: ItemRow, b: ItemRow, sameEventAnswer: boolean, actor: Actor, now: string): Promise<void> {
  const features = await featuresOf(trx, a, b);
  if (!features) return;
  await trx
    .insertInto('dedupe_labels')
    .values({
      a_wire_item_id: a.id,
      b_wire_item_id: b.id,
      same_event: sameEventAnswer ? 1 : 0,
      features: JSON.stringify(features),
      decided_by: actor.name,
      user_id: actor.userId,
      decided_at: now,
    })
    .execute();
}

/**
 * Takes a report merged into a story out of it: all its versions become a new story of their
 * own (a draft in the inbox, with the agency's embargo and hold), and the story no longer
 * credits it. Only a merged report can be split off; a story's main item stays with it.
 */
export async function splitReport(db: DB, articleId: number, wireItemId: number, actor: Actor, now = nowIso()): Promise<Article> {
  if (!isRowId(articleId)) throw new NotFoundError(`No story with id ${articleId}`);
  if (!isRowId(wireItemId)) throw new ValidationError('That report is not part of this story.');
  return changeContent(db, async (trx) => {
    const story = await getArticle(trx, articleId);
    if (!story) throw new NotFoundError(`No story with id ${articleId}`);
    const items = await latestItemsOf(trx, articleId);
    const picked = await trx
      .selectFrom('wire_items')
      .select(['agency', 'item_id'])
      .where('id', '=', wireItemId)
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    const report = picked && items.find((r) => r.agency === picked.agency && r.item_id === picked.item_id);
    if (!report) throw new ValidationError('That report is not part of this story.');
    if (report.role !== 'duplicate') throw new ValidationError('This is the report the story is written from: split off the other reports instead.');
    if (report.status === 'canceled') throw new ValidationError(`${report.agency} canceled this report: there is nothing to make a story of.`);
    const item = JSON.parse(report.payload) as WireItem;
    const countries = JSON.parse(report.countries) as string[];
    const ctx = { actor, now };
    const created = await createArticle(
      trx,
      {
        kind: 'news',
        ...storyText(item, report.summary),
        byline: { desk: 'Wire Desk' },
        edition: await editionFor(trx, null, countries[0]),
        countries,
        sectors: (JSON.parse(report.sectors) as string[]).slice(0, 3),
        sources: [{ agency: item.agency, itemId: item.itemId, version: item.version }],
        aiInvolvement: 'none',
      },
      ctx,
      { agency: agencyStateOfItem(item), textBy: 'agency', detail: `split from story ${articleId} by the desk` },
    );
    await trx
      .updateTable('wire_items')
      .set({
        article_id: created.id,
        role: 'primary',
        merge_reason: null,
        text_state: null,
        held_reason: holdReason(item, now, wordCount(textOf(item.bodyHtml))),
      })
      .where('article_id', '=', articleId)
      .where('agency', '=', report.agency)
      .where('item_id', '=', report.item_id)
      .execute();
    if (story.status !== 'killed') {
      await editArticle(trx, articleId, { sources: withoutSource(story.sources, item) }, ctx, {
        textBy: 'agency',
        action: 'wire.split',
        summary: `${report.agency} ${report.item_id} split off into story ${created.id}`,
      });
    } else {
      await recordAudit(trx, actor, 'wire.split', subjectOf(story), `${report.agency} ${report.item_id} split off into story ${created.id}`, now);
    }
    const main = items.find((r) => r.role === 'primary');
    if (main) await recordLabel(trx, main, report, false, actor, now);
    return created;
  });
}

/**
 * Folds a story into another that reports the same event: its agency copy joins the other story
 * as merged reports (credited while usable), and the story itself, never published, goes. A
 * published story keeps its address: unpublish it first, or keep both.
 */
export async function mergeStoryInto(db: DB, articleId: number, targetId: number, actor: Actor, now = nowIso()): Promise<Article> {
  if (!isRowId(articleId)) throw new NotFoundError(`No story with id ${articleId}`);
  if (!isRowId(targetId)) throw new ValidationError(`There is no story number ${targetId} to merge into.`);
  if (articleId === targetId) throw new ValidationError('A story cannot be merged into itself.');
  return changeContent(db, async (trx) => {
    const story = await getArticle(trx, articleId);
    if (!story) throw new NotFoundError(`No story with id ${articleId}`);
    const target = await getArticle(trx, targetId);
    if (!target) throw new ValidationError(`There is no story number ${targetId} to merge into.`);
    if (target.status === 'killed') throw new ValidationError('That story was killed by its agency: merge into a live one.');
    if (target.kind === 'shot') throw new ValidationError('That is a Shot: merge into the story it was made from.');
    if (story.publishedAt || !['draft', 'review'].includes(story.status)) {
      throw new ValidationError('Only a story that was never published can be merged away; unpublish it first, or keep both.');
    }
    const items = await latestItemsOf(trx, articleId);
    if (items.length === 0) throw new ValidationError('This story was not made from agency copy.');
    const ctx = { actor, now };
    await trx
      .updateTable('wire_items')
      .set({
        article_id: targetId,
        role: 'duplicate',
        text_state: null,
        held_reason: null,
        merge_reason: `merged by the desk (${actor.name}) from story ${articleId}`,
      })
      .where('article_id', '=', articleId)
      .execute();
    const credited = items.filter((r) => r.status === 'usable').map((r): ArticleSource => ({ agency: r.agency, itemId: r.item_id, version: r.version }));
    const merged = await editArticle(trx, targetId, { sources: credited.reduce(withSource, target.sources) }, ctx, {
      textBy: 'agency',
      action: 'wire.merge',
      summary: `story ${articleId} (${items.map((r) => `${r.agency} ${r.item_id}`).join(', ')}) merged in by the desk`,
    });
    await deleteDraft(trx, articleId, ctx);
    const targetMain = (await latestItemsOf(trx, targetId)).find((r) => r.role === 'primary');
    const main = items.find((r) => r.role === 'primary');
    if (targetMain && main) await recordLabel(trx, targetMain, main, true, actor, now);
    return merged;
  });
}

export interface MergeSuggestion {
  articleId: number;
  headline: string;
  status: string;
  /** The scorer's probability that the two are one event, and what they share. */
  score: number;
  reason: string;
}

/** The stories this one most likely duplicates: the nearest candidates the detector found, best first. */
export async function mergeSuggestions(db: DB, articleId: number, limit = 8): Promise<MergeSuggestion[]> {
  const main = (await latestItemsOf(db, articleId)).find((r) => r.role === 'primary');
  const fingerprint = main && fingerprintOfRow(main);
  if (!main || !fingerprint) return [];
  const stats = await termStats(db, [fingerprint.profile]);
  const candidates = await scoredCandidates(
    db,
    { agency: main.agency, itemId: main.item_id, versionTime: main.version_time },
    fingerprint,
    keysOf(fingerprint, stats),
    stats,
    defaultDedupeRules,
    40,
  );
  const best = new Map<number, { score: number; reason: string }>();
  for (const c of candidates) {
    if (!c.articleId || c.articleId === articleId || c.discarded) continue;
    const seen = best.get(c.articleId);
    if (!seen || c.verdict.similarity > seen.score) best.set(c.articleId, { score: c.verdict.similarity, reason: c.verdict.reason });
  }
  const ranked = [...best.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, limit);
  if (ranked.length === 0) return [];
  const stories = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'status', 'kind'])
    .where(
      'id',
      'in',
      ranked.map(([id]) => id),
    )
    .execute();
  return ranked.flatMap(([id, s]) => {
    const a = stories.find((x) => x.id === id);
    return a && a.kind !== 'shot' && a.status !== 'killed' ? [{ articleId: id, headline: a.headline, status: a.status, score: s.score, reason: s.reason }] : [];
  });
}

export interface DeskLabel {
  a: { agency: string; itemId: string; headline: string };
  b: { agency: string; itemId: string; headline: string };
  sameEvent: boolean;
  features: PairFeatures;
  decidedBy: string;
  decidedAt: string;
}

/** Every correction the desk made, oldest first: what `npm run fit:dedupe -- --desk-labels <file>` reads. */
export async function deskLabels(db: DB): Promise<DeskLabel[]> {
  const rows = await db
    .selectFrom('dedupe_labels as l')
    .innerJoin('wire_items as a', 'a.id', 'l.a_wire_item_id')
    .innerJoin('wire_items as b', 'b.id', 'l.b_wire_item_id')
    .select([
      'l.same_event',
      'l.features',
      'l.decided_by',
      'l.decided_at',
      'a.agency as a_agency',
      'a.item_id as a_item',
      'a.headline as a_headline',
      'b.agency as b_agency',
      'b.item_id as b_item',
      'b.headline as b_headline',
    ])
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    a: { agency: r.a_agency, itemId: r.a_item, headline: r.a_headline },
    b: { agency: r.b_agency, itemId: r.b_item, headline: r.b_headline },
    sameEvent: r.same_event === 1,
    features: JSON.parse(r.features) as PairFeatures,
    decidedBy: r.decided_by,
    decidedAt: String(r.decided_at),
  }));
}
