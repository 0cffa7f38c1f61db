import { createArticle, getArticle, updateArticle, type Article, type ArticleInput, type ArticleSource } from '../content/articles.js';
import { recordAudit } from '../content/audit.js';
import { changeContent } from '../content/events.js';
import { textOf } from '../content/html.js';
import { nowIso } from '../content/time.js';
import type { DB } from '../db/connect.js';
import { bandKeys, defaultDedupeRules, findDuplicate, fingerprintOf, indexBands, minhash, type DedupeRules, type Fingerprint } from './dedupe.js';
import type { WireItem } from './item.js';
import { pickSentences, rankSentences, SHOT, STANDFIRST } from './summarise.js';
import { sectorModelFor, tagCountries, tagSectors, type SectorModel } from './tagging.js';
import { wordCount } from './text.js';

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
  /** Called after a new story has been committed (e.g. to give it an illustration). */
  afterNewStory?: (story: Article, item: WireItem) => Promise<void>;
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

/** The first paragraph of the body, or the standfirst when the body has none. */
export function leadOf(item: Pick<WireItem, 'bodyHtml' | 'standfirst'>): string {
  const first = /<p\b[^>]*>([\s\S]*?)<\/p>/i.exec(item.bodyHtml);
  const lead = first ? textOf(first[1]!) : textOf(item.bodyHtml).split(/\n/)[0] ?? '';
  return withoutDateline(lead.trim()) || item.standfirst;
}

/** "NAIROBI, Nov 2 (MNA) – Kenya's…" → "Kenya's…": a dateline says where copy was filed, and two
 *  unrelated stories from one agency and city would otherwise share it. */
export function withoutDateline(lead: string): string {
  return lead.replace(/^[\p{Lu}][\p{Lu} .'’-]+(?:,\s*[\p{L} .]+?\d{0,2})?(?:\s*\([^)]{1,40}\))?\s*[–—-]+\s*/u, '');
}

export function analyseItem(item: WireItem, sectorModel: SectorModel): ItemAnalysis {
  const lead = leadOf(item);
  const bodyText = textOf(item.bodyHtml);
  const taggable = { headline: item.headline, lead, body: bodyText, datelineCity: item.datelineCity, datelineCountry: item.datelineCountry };
  const countries = tagCountries(taggable).map((t) => t.key);
  const sectors = tagSectors(taggable, sectorModel).map((t) => t.key);
  const text = bodyText || item.standfirst;
  const ranked = rankSentences(item.headline, text);
  const fingerprint = fingerprintOf(item.headline, lead, text, countries);
  return {
    lead,
    bodyWords: wordCount(bodyText),
    countries,
    sectors,
    summary: pickSentences(ranked, STANDFIRST),
    shotText: pickSentences(ranked, SHOT),
    fingerprint,
    bandKeys: bandKeys(minhash(fingerprint.shingles), fingerprint.numbers),
  };
}

/** Why an item may not go out by itself, or null when it may. */
export function holdReason(item: WireItem, now: string, bodyWords: number): string | null {
  if (item.status === 'withheld') return 'withheld by the agency';
  if (item.embargo && item.embargo > now) return `under embargo until ${item.embargo}`;
  if (bodyWords < MIN_BODY_WORDS) return `the body has fewer than ${MIN_BODY_WORDS} words`;
  return null;
}

const validLanguage = (language: string) => (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) ? language : 'en');

/** The story text an agency item provides. */
function storyText(item: WireItem, analysis: ItemAnalysis): Partial<ArticleInput> & { headline: string } {
  return {
    headline: item.headline.slice(0, 300),
    standfirst: (analysis.summary || item.standfirst).slice(0, 1000),
    body: item.bodyHtml,
    datelineCity: item.datelineCity,
    language: validLanguage(item.language),
  };
}

/** The edition a story belongs to: the source's, else its main country's, else the default. */
async function editionFor(trx: DB, configured: string | null | undefined, mainCountry: string | undefined): Promise<string | undefined> {
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

const withSource = (sources: ArticleSource[], source: ArticleSource) => [...sources.filter((s) => !(s.agency === source.agency && s.itemId === source.itemId)), source];

/**
 * Takes one agency item in one transaction. (agency, item id, version) is unique: the same
 * version again, or an older one, changes nothing. A newer version updates the wire record and
 * the story made from it (a published story gets a revision and a new Updated time) unless the
 * desk has edited the story, whose text then stays; a canceled item takes its story down (410);
 * a withheld one keeps its story from publication. A new item that reports the same event as a
 * recent one joins that story as a further source; otherwise it becomes a new story, tagged and
 * summarised, in the inbox or (auto-publish sources, checks passed) on the site.
 */
export async function ingestWireItem(db: DB, item: WireItem, options: IngestItemOptions = {}): Promise<IngestOutcome> {
  const now = options.now ?? nowIso();
  // A version already on record costs one lookup, not an analysis (re-runs of a folder, restarts).
  const known = await latestVersion(db, item);
  if (known && item.version <= known.version) return 'ignored';
  const analysis = analyseItem(item, options.sectorModel ?? (await sectorModelFor(db)));
  let created: Article | null = null;
  const outcome = await changeContent(db, async (trx): Promise<IngestOutcome> => {
    const latest = await latestVersion(trx, item);
    if (latest && item.version <= latest.version) return 'ignored';

    const source: ArticleSource = { agency: item.agency, itemId: item.itemId, version: item.version };
    const record = (fields: { articleId: number | null; role: 'primary' | 'duplicate'; discarded: boolean; heldReason: string | null }) =>
      recordItem(trx, item, analysis, { ...fields, source: options.source ?? '', now });

    if (latest) {
      await record({ articleId: latest.article_id, role: latest.role as 'primary' | 'duplicate', discarded: latest.discarded === 1, heldReason: null });
      const article = latest.article_id ? await getArticle(trx, latest.article_id) : null;
      if (!article || latest.discarded === 1) return item.status === 'canceled' ? 'canceled' : 'ignored';
      return applyNewVersion(trx, article, item, analysis, latest.role === 'primary', source, now);
    }

    const duplicate = await findDuplicate(trx, item, analysis.fingerprint, analysis.bandKeys, options.dedupe ?? defaultDedupeRules);
    if (duplicate) {
      const story = duplicate.articleId ? await getArticle(trx, duplicate.articleId) : null;
      await record({ articleId: story?.id ?? null, role: 'duplicate', discarded: duplicate.discarded, heldReason: null });
      if (story && item.status !== 'canceled') {
        await updateArticle(trx, story.id, { sources: withSource(story.sources, source) }, { actor: WIRE_ACTOR.name, now, summary: `${item.agency} reported the same event (${item.itemId})` });
      }
      return 'merged';
    }

    if (item.status === 'canceled') {
      await record({ articleId: null, role: 'primary', discarded: false, heldReason: null });
      return 'canceled';
    }
    const held = holdReason(item, now, analysis.bodyWords);
    const publish = options.autoPublish === true && held === null;
    const sectors = [...new Set([...(options.defaults?.sectors ?? []), ...analysis.sectors])].slice(0, 3);
    created = await createArticle(
      trx,
      {
        kind: 'news',
        status: publish ? 'published' : 'draft',
        ...storyText(item, analysis),
        byline: { desk: 'Wire Desk' },
        edition: await editionFor(trx, options.defaults?.edition, analysis.countries[0]),
        countries: analysis.countries,
        sectors,
        sources: [source],
        aiInvolvement: 'none',
        humanReviewed: false,
      },
      { actor: WIRE_ACTOR.name, now },
    );
    if (publish) await recordAudit(trx, WIRE_ACTOR, 'article.publish', `article ${created.id}: ${created.headline}`, `auto-published from ${item.agency}`, now);
    await record({ articleId: created.id, role: 'primary', discarded: false, heldReason: held });
    return item.status === 'withheld' ? 'withheld' : 'new';
  });
  if (created && options.afterNewStory) await options.afterNewStory(created, item);
  return outcome;
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

/** A newer version of an item whose story exists. */
async function applyNewVersion(trx: DB, article: Article, item: WireItem, analysis: ItemAnalysis, primary: boolean, source: ArticleSource, now: string): Promise<IngestOutcome> {
  const change = { actor: WIRE_ACTOR.name, now, summary: `${item.agency} version ${item.version}` };
  if (item.status === 'canceled') {
    if (primary) {
      if (article.status === 'published') {
        await updateArticle(trx, article.id, { status: 'unpublished' }, { ...change, summary: 'Canceled by the agency' });
        await recordAudit(trx, WIRE_ACTOR, 'article.unpublish', `article ${article.id}: ${article.headline}`, `${item.agency} canceled ${item.itemId}`, now);
      }
    } else {
      // A merged report withdrawn: the story stands on its other sources.
      await updateArticle(trx, article.id, { sources: article.sources.filter((s) => !(s.agency === item.agency && s.itemId === item.itemId)) }, change);
    }
    return 'canceled';
  }
  const hold = item.status === 'withheld' && article.status !== 'published' ? { status: 'draft' as const, scheduledFor: null } : {};
  const sources = withSource(article.sources, source);
  // The desk's edits are never overwritten by agency copy: the new version is on record in the inbox.
  const text = primary && !article.humanReviewed && article.aiInvolvement === 'none' ? storyText(item, analysis) : {};
  await updateArticle(trx, article.id, { ...text, sources, ...hold }, change);
  return item.status === 'withheld' ? 'withheld' : 'updated';
}

async function recordItem(
  trx: DB,
  item: WireItem,
  analysis: ItemAnalysis,
  fields: { articleId: number | null; role: 'primary' | 'duplicate'; discarded: boolean; heldReason: string | null; source: string; now: string },
): Promise<void> {
  const { id } = await trx
    .insertInto('wire_items')
    .values({
      agency: item.agency,
      item_id: item.itemId,
      version: item.version,
      version_time: item.versionTime,
      status: item.status,
      headline: item.headline.slice(0, 500),
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await indexBands(trx, id, item.versionTime, analysis.bandKeys);
}
