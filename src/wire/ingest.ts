import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { getArticle, MAX_ARTICLE_SOURCES, type ArticleSource } from '../content/articles.js';
import { changeContent } from '../content/events.js';
import { announceWireArrival } from './arrivals.js';
import { textOf } from '../content/html.js';
import { applyAgencyState, createArticle, editArticle, killArticle } from '../content/lifecycle.js';
import { notify } from '../content/notifications.js';
import { nowIso } from '../content/time.js';
import { dialectOf, type DB } from '../db/connect.js';
import { agencyStateOf, agencyStateOfItem } from './agency-copy.js';
import { leadOf, storyText } from './story-text.js';
import { defaultDedupeRules, findDuplicate, fingerprintOf, indexBands, keysOf, type DedupeRules, type DuplicateMatch, type Fingerprint } from './dedupe.js';
import { normsOf, type TermStats } from './similarity.js';
import { countTerms, termStats } from './term-stats.js';
import type { WireItem } from './item.js';
import { summariesOf } from './summarise.js';
import { sectorModelFor, tagCountries, tagSectors, type SectorModel } from './tagging.js';
import { wordCount } from './text.js';

/**
 * The document frequencies of the item's terms; its vector lengths and index keys under them
 * (stored with it). `count`: the item is being stored as a new one (in `db`'s transaction), so
 * its terms are counted in the same statement.
 */
async function weighTerms(db: DB, analysis: ItemAnalysis, count: boolean): Promise<TermStats> {
  const stats = count ? await countTerms(db, analysis.fingerprint.profile) : await termStats(db, [analysis.fingerprint.profile]);
  analysis.fingerprint.profile.norms = normsOf(analysis.fingerprint.profile, stats);
  analysis.bandKeys = keysOf(analysis.fingerprint, stats);
  return stats;
}

/** What the inbox shows for a merged report: the score and what the two reports share. */
function mergeReasonOf(d: DuplicateMatch): string {
  const shared = [
    d.sharedNames.length ? `names ${d.sharedNames.slice(0, 8).join(', ')}` : '',
    d.sharedFigures.length ? `figures ${d.sharedFigures.slice(0, 6).join(', ')}` : '',
  ].filter(Boolean);
  return `${d.reason}${shared.length ? `; shared ${shared.join('; ')}` : ''}`.slice(0, 500);
}

/** What happened to one item. */
export type IngestOutcome = 'new' | 'updated' | 'merged' | 'ignored' | 'withheld' | 'canceled';

export interface IngestSummary {
  new: number;
  updated: number;
  merged: number;
  ignored: number;
  withheld: number;
  canceled: number;
  rejected: { itemId: string | null; reason: string; file?: string }[];
}

export const emptySummary = (): IngestSummary => ({ new: 0, updated: 0, merged: 0, ignored: 0, withheld: 0, canceled: 0, rejected: [] });

const WIRE_ACTOR = { name: 'wire desk', userId: null };

/** A body shorter than this is not a story yet (a flash or a placeholder): a person decides. */
const MIN_BODY_WORDS = 20;

export interface IngestItemOptions {
  /** The configured source's name, recorded with the item. */
  source?: string;
  now?: string;
  /** Filing for new stories: edition slug and sector slugs (these lead the tagged ones). */
  defaults?: { edition?: string | null; sectors?: string[] };
  /** The source's rule is auto-publish: usable new items that pass the checks go out unedited (and say so). */
  autoPublish?: boolean;
  dedupe?: DedupeRules;
  /** The sector model to use; by default the database's own (keywords and the desk's choices). */
  sectorModel?: SectorModel;
  /**
   * Makes the picture of a story about to be created (the agency's photo, a generated or a local
   * illustration), before the story's transaction: the story is created, and published, with it.
   * Returns the media id, or null when there is none.
   */
  heroFor?: (item: WireItem, analysis: ItemAnalysis) => Promise<number | null>;
}

/** What the desk works out for an item before it touches the database. */
export interface ItemAnalysis {
  lead: string;
  /** Words in the body's text (the auto-publish check). */
  bodyWords: number;
  countries: string[];
  sectors: string[];
  summary: string;
  shotText: string;
  fingerprint: Fingerprint;
  bandKeys: number[];
}

export function analyseItem(item: WireItem, sectorModel: SectorModel): ItemAnalysis {
  const lead = leadOf(item);
  const bodyText = textOf(item.bodyHtml);
  const taggable = { headline: item.headline, lead, body: bodyText, datelineCity: item.datelineCity, datelineCountry: item.datelineCountry };
  const countries = tagCountries(taggable).map((t) => t.key);
  const sectors = tagSectors(taggable, sectorModel).map((t) => t.key);
  const text = bodyText || item.standfirst;
  const { summary, shotText } = summariesOf(item.headline, text);
  const fingerprint = fingerprintOf(item.headline, lead, text, countries, sectors);
  return {
    lead,
    bodyWords: wordCount(bodyText),
    countries,
    sectors,
    summary,
    shotText,
    fingerprint,
    bandKeys: keysOf(fingerprint),
  };
}

/** Why an item may not go out by itself, or null when it may. */
export function holdReason(item: WireItem, now: string, bodyWords: number): string | null {
  if (item.status === 'withheld') return 'withheld by the agency';
  if (item.embargo && item.embargo > now) return `under embargo until ${item.embargo}`;
  if (bodyWords < MIN_BODY_WORDS) return `the body has fewer than ${MIN_BODY_WORDS} words`;
  return null;
}

/** The edition a story belongs to: the source's, else its main country's, else the default. */
export async function editionFor(trx: DB, configured: string | null | undefined, mainCountry: string | undefined): Promise<string | undefined> {
  if (configured) return configured;
  if (!mainCountry) return undefined;
  const row = await trx
    .selectFrom('countries')
    .innerJoin('editions', 'editions.id', 'countries.edition_id')
    .select('editions.slug')
    .where('countries.code', '=', mainCountry)
    .executeTakeFirst();
  return row?.slug;
}

/**
 * A story's sources with this item's credit (an earlier version's replaced where it stands, so
 * the story's own item stays first). A story credits at most MAX_ARTICLE_SOURCES reports; past
 * that, a further report is merged all the same (its wire record joins the story, and the inbox
 * lists it) but credited only when its agency is not yet: then it takes the place of the newest
 * credit of the agency credited most (which stays credited; that newest credit is never the
 * story's own, first one). Returns `sources` itself when nothing changes.
 */
export function withSource(sources: ArticleSource[], source: ArticleSource): ArticleSource[] {
  const same = (s: ArticleSource) => s.agency === source.agency && s.itemId === source.itemId;
  if (sources.some(same)) return sources.map((s) => (same(s) ? source : s));
  if (sources.length < MAX_ARTICLE_SOURCES) return [...sources, source];
  if (sources.some((s) => s.agency === source.agency)) return sources;
  const counts = new Map<string, number>();
  for (const s of sources) counts.set(s.agency, (counts.get(s.agency) ?? 0) + 1);
  const [most] = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]);
  if (!most) return sources;
  const drop = sources.findLastIndex((s) => s.agency === most[0]);
  return [...sources.slice(0, drop), ...sources.slice(drop + 1), source];
}
const sameCredits = (a: readonly ArticleSource[], b: readonly ArticleSource[]) =>
  a.length === b.length && a.every((s, i) => s.agency === b[i]!.agency && s.itemId === b[i]!.itemId && s.version === b[i]!.version);
export const withoutSource = (sources: ArticleSource[], item: Pick<WireItem, 'agency' | 'itemId'>) =>
  sources.filter((s) => !(s.agency === item.agency && s.itemId === item.itemId));

/**
 * Takes one agency item in one transaction, through the lifecycle's commands (so every guard
 * holds). (agency, item id, version) is unique: the same version again, or an older one, changes
 * nothing. A newer version:
 * - canceled: the story made from the item is killed (410, for good); a merged report is dropped from its sources;
 * - withheld: the story is held (off the site at once, if it was live) until a newer usable version;
 * - usable: it updates the story's text, unless people edited the story: then the version waits
 *   beside the story for the desk to apply (whole or per field), and the desk is told.
 * A new item that reports the same event as a recent one joins that story as a further source;
 * otherwise it becomes a new story, tagged and summarised, in the inbox or (auto-publish sources,
 * checks passed) on the site, or scheduled for the moment its embargo lifts.
 */
export async function ingestWireItem(db: DB, item: WireItem, options: IngestItemOptions = {}): Promise<IngestOutcome> {
  const now = options.now ?? nowIso();
  // A version already on record costs one lookup, not an analysis (re-runs of a folder, restarts).
  const known = await latestVersion(db, item);
  if (known && item.version <= known.version) return 'ignored';
  const prepared: PreparedItem = { item, analysis: analyseItem(item, options.sectorModel ?? (await sectorModelFor(db))), heroMediaId: null, pictured: false };
  // The picture is made before the transaction, so a new story goes out with it in one change.
  if (options.heroFor && mayNeedPicture(item, known) && !(await duplicateOnRecord(db, item, prepared.analysis, options)))
    await pictureFor(prepared, options.heroFor);
  const stored = await storeCommitted(db, prepared, options, now);
  if (stored !== 'ignored') announceWireArrival();
  return stored;
}

async function storeCommitted(db: DB, prepared: PreparedItem, options: IngestItemOptions, now: string): Promise<IngestOutcome> {
  try {
    return await changeContent(db, (trx) => storeWireItem(trx, prepared, { ...options, now }));
  } catch (error) {
    // It becomes a new story after all (the guess above was wrong): its picture first, then again.
    if (!(error instanceof PictureWanted) || !options.heroFor) throw error;
    await pictureFor(prepared, options.heroFor);
    return changeContent(db, (trx) => storeWireItem(trx, prepared, { ...options, now }));
  }
}

/** An item on its way in: what was worked out for it before its transaction. */
export interface PreparedItem {
  item: WireItem;
  analysis: ItemAnalysis;
  /** The picture made for it, when it is to become a new story. */
  heroMediaId: number | null;
  /** Whether its picture was asked for (heroMediaId is then what came of it, null for none). */
  pictured: boolean;
}

/**
 * Thrown (inside the item's savepoint, so nothing of it stays) when an item is about to become a
 * new story whose picture was not made beforehand, because it was expected to merge. The caller
 * commits what came before, makes the picture outside any transaction, and stores the item again:
 * a story is only ever created in the transaction that references its stored picture, so a kill
 * at any moment never leaves one without it.
 */
export class PictureWanted extends Error {
  override name = 'PictureWanted';
}

/** Asks for an item's picture (outside any transaction: it may take seconds). */
export async function pictureFor(prepared: PreparedItem, heroFor: NonNullable<IngestItemOptions['heroFor']>): Promise<void> {
  prepared.heroMediaId = await heroFor(prepared.item, prepared.analysis);
  prepared.pictured = true;
}

/** Whether an item would become a new story if it duplicates nothing (so it may want a picture). */
export const mayNeedPicture = (item: WireItem, known: { version: number } | undefined) => !known && item.status !== 'canceled';

/**
 * A copy whose weights (vector lengths, index keys) can be worked out without touching the
 * original: what is decided in an item's transaction then never depends on what was looked up
 * before it (the guess whether it wants a picture), nor on an earlier attempt at storing it.
 */
const withOwnWeights = (a: ItemAnalysis): ItemAnalysis => ({ ...a, fingerprint: { ...a.fingerprint, profile: { ...a.fingerprint.profile } } });

/** The stored item (committed, or written earlier in `db`'s transaction) this one duplicates, if any. */
export async function duplicateOnRecord(
  db: DB,
  item: WireItem,
  analysis: ItemAnalysis,
  options: Pick<IngestItemOptions, 'dedupe'>,
): Promise<DuplicateMatch | null> {
  const own = withOwnWeights(analysis);
  return findDuplicate(db, item, own.fingerprint, own.bandKeys, await weighTerms(db, own, false), options.dedupe ?? defaultDedupeRules);
}

/** The first key of the per-item advisory locks ("WDWI"); job-lock.ts uses another space. */
const ITEM_LOCK_SPACE = 0x5744_5749;

/**
 * Two processes taking the same agency item at once (two `wiredesk ingest` runs, a poller beside
 * a drop folder) on PostgreSQL: each transaction sees only what was committed before it, so both
 * found the item new, and the second failed on the unique (agency, item id, version) and
 * reported the item rejected. The item's lock, held to the end of the transaction, makes the
 * second wait for the first's commit; it then finds the version on record (ignored) and decides
 * on what the first stored, as one run would. SQLite's write transactions take turns already
 * (BEGIN IMMEDIATE). A hash collision only makes two items wait for each other.
 */
async function lockAgencyItem(trx: DB, item: Pick<WireItem, 'agency' | 'itemId'>): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  const key = createHash('sha256').update(`${item.agency}\u0000${item.itemId}`).digest().readInt32BE(0);
  await sql`select pg_advisory_xact_lock(${ITEM_LOCK_SPACE}, ${key})`.execute(trx);
}

/**
 * Stores one analysed item in the caller's transaction (opened by changeContent), through the
 * lifecycle's commands, and says what happened to it.
 */
export async function storeWireItem(trx: DB, prepared: PreparedItem, options: IngestItemOptions & { now: string }): Promise<IngestOutcome> {
  const { item, heroMediaId } = prepared;
  const analysis = withOwnWeights(prepared.analysis);
  const { now } = options;
  const rules = options.dedupe ?? defaultDedupeRules;
  const ctx = { actor: WIRE_ACTOR, now };
  await lockAgencyItem(trx, item);
  const latest = await latestVersion(trx, item);
  if (latest && item.version <= latest.version) return 'ignored';
  const source: ArticleSource = { agency: item.agency, itemId: item.itemId, version: item.version };
  let counted = false;
  const record = async (fields: RecordFields) => {
    // A new item's terms are counted with it (once); later items compare with it by its vector lengths.
    if (!fields.laterVersion && !counted) await weighTerms(trx, analysis, (counted = true));
    else if (!analysis.fingerprint.profile.norms) await weighTerms(trx, analysis, false);
    return recordItem(trx, item, analysis, { ...fields, source: options.source ?? '', now });
  };

  if (latest) {
    const article = latest.article_id ? await getArticle(trx, latest.article_id) : null;
    const primary = latest.role === 'primary';
    const live = article && latest.discarded === 0 && article.status !== 'killed';
    const deskText = Boolean(article && (article.humanEdited || article.aiInvolvement !== 'none'));
    const textState = live && primary && item.status === 'usable' ? (deskText ? 'pending' : 'applied') : null;
    const rowId = await record({
      articleId: latest.article_id,
      role: latest.role as 'primary' | 'duplicate',
      discarded: latest.discarded === 1,
      heldReason: null,
      textState,
      laterVersion: true,
    });
    if (!article || !live) return item.status === 'canceled' ? 'canceled' : 'ignored';
    const note = item.ednote ? `: ${item.ednote}` : '';
    if (item.status === 'canceled') {
      if (primary) await killArticle(trx, article.id, `${item.agency} canceled ${item.itemId}${note}`, ctx);
      else
        await editArticle(trx, article.id, { sources: withoutSource(article.sources, item) }, ctx, {
          textBy: 'agency',
          summary: `${item.agency} withdrew its report ${item.itemId}${note}`,
        });
      return 'canceled';
    }
    if (!primary) {
      // A merged report: credited while usable, not while its agency withholds it.
      const sources = item.status === 'usable' ? withSource(article.sources, source) : withoutSource(article.sources, item);
      if (!sameCredits(sources, article.sources))
        await editArticle(trx, article.id, { sources }, ctx, { textBy: 'agency', summary: `${item.agency} version ${item.version} of ${item.itemId}` });
      return item.status === 'withheld' ? 'withheld' : 'updated';
    }
    if (textState === 'applied') {
      await editArticle(trx, article.id, { ...storyText(item, analysis.summary), sources: withSource(article.sources, source) }, ctx, {
        textBy: 'agency',
        summary: `${item.agency} version ${item.version}`,
      });
    } else if (textState === 'pending') {
      await notify(
        trx,
        {
          kind: 'agency-update',
          audience: 'article.publish',
          articleId: article.id,
          dedupeKey: `agency-update:${rowId}`,
          title: `Agency update to an edited story: ${article.headline}`,
          message: `${item.agency} sent version ${item.version} of ${item.itemId}. The desk's text stays; compare it and apply the agency's changes if you want them.`,
        },
        now,
      );
    }
    await applyAgencyState(trx, article.id, await agencyStateOf(trx, article.id), ctx);
    return item.status === 'withheld' ? 'withheld' : 'updated';
  }

  const duplicate = await findDuplicate(trx, item, analysis.fingerprint, analysis.bandKeys, await weighTerms(trx, analysis, (counted = true)), rules);
  if (duplicate) {
    const story = duplicate.articleId ? await getArticle(trx, duplicate.articleId) : null;
    await record({
      articleId: story?.id ?? null,
      role: 'duplicate',
      discarded: duplicate.discarded,
      heldReason: null,
      textState: null,
      mergeReason: mergeReasonOf(duplicate),
    });
    const credited = story ? withSource(story.sources, source) : [];
    if (story && story.status !== 'killed' && item.status === 'usable' && !sameCredits(credited, story.sources)) {
      await editArticle(trx, story.id, { sources: credited }, ctx, { textBy: 'agency', summary: `${item.agency} reported the same event (${item.itemId})` });
    }
    // Joined to the story, but not credited while its agency withholds it: counted as withheld.
    return item.status === 'withheld' ? 'withheld' : 'merged';
  }

  if (item.status === 'canceled') {
    await record({ articleId: null, role: 'primary', discarded: false, heldReason: null, textState: null });
    return 'canceled';
  }
  if (options.heroFor && !prepared.pictured) throw new PictureWanted(`${item.agency} ${item.itemId} becomes a new story: its picture first`);
  const held = holdReason(item, now, analysis.bodyWords);
  // An auto-publish rule meeting an embargo (and nothing else) schedules the story for its lift.
  const embargoOnly =
    options.autoPublish === true &&
    held !== null &&
    item.status === 'usable' &&
    analysis.bodyWords >= MIN_BODY_WORDS &&
    Boolean(item.embargo && item.embargo > now);
  const sectors = [...new Set([...(options.defaults?.sectors ?? []), ...analysis.sectors])].slice(0, 3);
  const created = await createArticle(
    trx,
    {
      kind: 'news',
      ...storyText(item, analysis.summary),
      byline: { desk: 'Wire Desk' },
      edition: await editionFor(trx, options.defaults?.edition, analysis.countries[0]),
      countries: analysis.countries,
      sectors,
      sources: [source],
      aiInvolvement: 'none',
      heroMediaId,
    },
    ctx,
    {
      agency: agencyStateOfItem(item),
      textBy: 'agency',
      ...(options.autoPublish === true && held === null ? { publish: { via: 'auto' as const }, detail: `auto-published from ${item.agency}` } : {}),
      ...(embargoOnly
        ? { schedule: { at: item.embargo!, via: 'auto' as const }, detail: `auto-publish scheduled for the end of ${item.agency}'s embargo` }
        : {}),
    },
  );
  await record({
    articleId: created.id,
    role: 'primary',
    discarded: false,
    heldReason: embargoOnly ? `${held}: scheduled to go out then` : held,
    textState: null,
  });
  return item.status === 'withheld' ? 'withheld' : 'new';
}

function latestVersion(db: DB, item: Pick<WireItem, 'agency' | 'itemId'>) {
  return db
    .selectFrom('wire_items')
    .select(['version', 'article_id', 'role', 'discarded'])
    .where('agency', '=', item.agency)
    .where('item_id', '=', item.itemId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

interface RecordFields {
  articleId: number | null;
  role: 'primary' | 'duplicate';
  discarded: boolean;
  heldReason: string | null;
  textState: 'applied' | 'pending' | null;
  /** A later version of an item already stored: its terms are counted once, with its first. */
  laterVersion?: boolean;
  /** A merged report: why it was taken for the same event. */
  mergeReason?: string;
}

async function recordItem(trx: DB, item: WireItem, analysis: ItemAnalysis, fields: RecordFields & { source: string; now: string }): Promise<number> {
  const { id } = await trx
    .insertInto('wire_items')
    .values({
      agency: item.agency,
      item_id: item.itemId,
      version: item.version,
      version_time: item.versionTime,
      status: item.status,
      headline: item.headline.slice(0, 500),
      urgency: item.urgency,
      payload: JSON.stringify(item),
      source: fields.source,
      received_at: fields.now,
      article_id: fields.articleId,
      role: fields.role,
      fingerprint: JSON.stringify(analysis.fingerprint),
      countries: JSON.stringify(analysis.countries),
      sectors: JSON.stringify(analysis.sectors),
      summary: analysis.summary,
      shot_text: analysis.shotText,
      held_reason: fields.heldReason,
      discarded: fields.discarded ? 1 : 0,
      ednote: item.ednote,
      embargo: item.embargo,
      text_state: fields.textState,
      merge_reason: fields.mergeReason ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await indexBands(trx, id, item.versionTime, analysis.bandKeys);
  return id;
}
