import { getArticle, summariesByIds, type Article, type ArticleStatus, type ArticleSummary } from '../content/articles.js';
import type { Actor } from '../content/audit.js';
import { changeContent } from '../content/events.js';
import { NotFoundError, ValidationError } from '../content/errors.js';
import { createArticle, deleteDraft, publicationRefusal, publishArticle, scheduleForEmbargo } from '../content/lifecycle.js';
import { parseQuery, toFts5, toWebsearch } from '../content/search.js';
import { TEXT_COLUMNS } from '../content/search-index.js';
import { nowIso } from '../content/time.js';
import { dialectOf, type DB } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { WireItem } from './item.js';

/**
 * The wire desk's inbox: agency items grouped by the story they made, newest first, with what
 * the desk worked out for each (tags, summaries, why it was held, the agency's notes) and the
 * commands a person runs on a story: publish now, schedule for the embargo's end, publish as a
 * Shot, discard. Publishing goes through the lifecycle's commands, so its guards hold here too.
 */

export interface InboxItem {
  /** Row id of this version. */
  id: number;
  agency: string;
  itemId: string;
  version: number;
  versionTime: string;
  receivedAt: string;
  status: string;
  role: 'primary' | 'duplicate';
  source: string;
  headline: string;
  embargo: string | null;
  /** The agency's note to editors. */
  ednote: string;
  /** A newer version of the story's own item: applied, waiting for the desk, or declined. */
  textState: 'applied' | 'pending' | 'declined' | null;
  /** Row id of the previous version of the same item, when there is one (for the diff). */
  previousId: number | null;
  /** A merged report: why it was taken for the same event. */
  mergeReason: string | null;
  /** IPTC urgency, 1 (most urgent) … 9; null when the agency gave none. */
  urgency: number | null;
}

export interface InboxStory {
  story: ArticleSummary;
  latestAt: string;
  countries: string[];
  sectors: string[];
  summary: string;
  shotText: string;
  heldReason: string | null;
  items: InboxItem[];
}

export interface InboxFilter {
  source?: string;
  edition?: string;
  sector?: string;
  country?: string;
  /** Words to find in the story's headline, standfirst or body (the site search's query language). */
  text?: string;
  /** Stories with an item from this agency. */
  agency?: string;
  /** Stories with an item at least this urgent (IPTC: 1 is the most urgent). */
  urgency?: number;
  /** Stories under a running embargo, or free of one. */
  embargo?: 'embargoed' | 'free';
  /** Stories assigned to this user (wire/triage.ts). */
  assignee?: number;
  /** When an embargo counts as running (defaults to now). */
  now?: string;
  /** Story status; 'draft' (waiting for the desk) when absent; 'off' for held, unpublished and killed. */
  status?: ArticleStatus | 'all' | 'off';
  /** Keyset: stories whose latest item is older than this position. */
  before?: { at: string; id: number };
  limit?: number;
}

export async function listInbox(db: DB, filter: InboxFilter = {}): Promise<{ stories: InboxStory[]; next: { at: string; id: number } | null }> {
  const limit = Math.min(filter.limit ?? 30, 100);
  let q = db
    .selectFrom('wire_items as w')
    .innerJoin('articles as a', 'a.id', 'w.article_id')
    .select(['w.article_id', (eb) => eb.fn.max('w.received_at').as('latest')])
    .where((eb) => storyConditions(db, eb, filter))
    .groupBy('w.article_id');
  if (filter.status === 'off') q = q.where('a.status', 'in', ['held', 'unpublished', 'killed']);
  else if (filter.status !== 'all') q = q.where('a.status', '=', filter.status ?? 'draft');
  if (filter.before) {
    const { at, id } = filter.before;
    q = q.having((eb) => eb.or([eb(eb.fn.max('w.received_at'), '<', at), eb.and([eb(eb.fn.max('w.received_at'), '=', at), eb('w.article_id', '<', id)])]));
  }
  const groups = await q
    .orderBy('latest', 'desc')
    .orderBy('w.article_id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = groups.slice(0, limit);
  const ids = page.map((g) => g.article_id!);
  if (ids.length === 0) return { stories: [], next: null };

  const [summaries, rows] = await Promise.all([summariesByIds(db, ids), itemRows(db, ids)]);
  const stories = page.flatMap((g): InboxStory[] => {
    const story = summaries.get(g.article_id!);
    if (!story) return [];
    const own = rows.filter((r) => r.article_id === story.id);
    const primary = own.find((r) => r.role === 'primary') ?? own[0]!;
    const items = inboxItemsOf(own);
    return [
      {
        story,
        latestAt: String(g.latest),
        countries: JSON.parse(primary.countries) as string[],
        sectors: JSON.parse(primary.sectors) as string[],
        summary: primary.summary,
        shotText: primary.shot_text,
        heldReason: primary.held_reason,
        items,
      },
    ];
  });
  const last = page.at(-1)!;
  return { stories, next: groups.length > limit ? { at: String(last.latest), id: last.article_id! } : null };
}

type InboxTables = Database & { w: Database['wire_items']; a: Database['articles'] };

/** Every filter but the status, as one condition on an item (w) and its story (a). */
function storyConditions(db: DB, eb: ExpressionBuilder<InboxTables, 'w' | 'a'>, filter: InboxFilter): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [eb('w.discarded', '=', 0)];
  if (filter.source) all.push(eb('w.source', '=', filter.source));
  if (filter.agency) all.push(eb('w.agency', '=', filter.agency));
  if (filter.urgency) all.push(eb('w.urgency', '<=', filter.urgency));
  if (filter.embargo) {
    const now = filter.now ?? nowIso();
    all.push(filter.embargo === 'embargoed' ? eb('a.embargo_until', '>', now) : eb.or([eb('a.embargo_until', 'is', null), eb('a.embargo_until', '<=', now)]));
  }
  if (filter.edition) all.push(eb('a.edition_id', '=', eb.selectFrom('editions').select('id').where('slug', '=', filter.edition)));
  if (filter.sector) {
    all.push(
      eb.exists(
        eb
          .selectFrom('article_sectors as s')
          .innerJoin('sectors as sec', 'sec.id', 's.sector_id')
          .select('s.article_id')
          .whereRef('s.article_id', '=', 'a.id')
          .where('sec.slug', '=', filter.sector),
      ),
    );
  }
  if (filter.country) {
    all.push(
      eb.exists(
        eb
          .selectFrom('article_countries as c')
          .select('c.article_id')
          .whereRef('c.article_id', '=', 'a.id')
          .where('c.country_code', '=', filter.country.toUpperCase()),
      ),
    );
  }
  if (filter.assignee)
    all.push(
      eb.exists(eb.selectFrom('inbox_assignments as x').select('x.article_id').whereRef('x.article_id', '=', 'a.id').where('x.user_id', '=', filter.assignee)),
    );
  if (filter.text !== undefined) all.push(textMatch(db, eb, filter.text, filter.status !== 'published' && filter.status !== 'all'));
  return eb.and(all);
}

/**
 * Stories whose text has the words: the site search's index, which holds drafts too (their
 * headline, standfirst and body), read once for the whole query. Words that make no query
 * (only punctuation, only exclusions) match nothing; the caller says why (inboxTextProblem).
 */
function textMatch(db: DB, eb: ExpressionBuilder<InboxTables, 'w' | 'a'>, text: string, fewStories: boolean): Expression<SqlBool> {
  const parsed = parseQuery(text);
  if (parsed.problem) return sql<SqlBool>`1 = 0`;
  if (dialectOf(db) === 'postgres') {
    return sql<SqlBool>`${eb.ref('a.id')} in (select article_id from article_search where document @@ websearch_to_tsquery('english', ${toWebsearch(parsed)}))`;
  }
  // SQLite would walk the matches (thousands for a common word in a big archive) and look up
  // each one's copy: 270 ms at 50,000 stories. For the few drafts (or scheduled, held) stories
  // the unary + keeps it on the status index, checking each against the matches: 23 ms
  // (bench/inbox-search.ts). For published and all, its own choice is the better one.
  const matches = sql`(select rowid from article_search where article_search match ${`${TEXT_COLUMNS} : (${toFts5(parsed)})`})`;
  return fewStories ? sql<SqlBool>`+${eb.ref('a.id')} in ${matches}` : sql<SqlBool>`${eb.ref('a.id')} in ${matches}`;
}

/** Why the inbox's search words cannot run as typed, or null when they can. */
export const inboxTextProblem = (text: string): string | null => parseQuery(text).problem;

/** The inbox's status buckets, as its tabs show them. */
export const inboxBuckets = {
  draft: ['draft'],
  review: ['review'],
  scheduled: ['scheduled'],
  published: ['published'],
  off: ['held', 'unpublished', 'killed'],
} as const satisfies Record<string, readonly ArticleStatus[]>;
export type InboxBucket = keyof typeof inboxBuckets;

/** Counts stop here ("1,000+"): past it a count costs more than it tells. */
export const COUNT_CAP = 1000;

/**
 * How many stories each bucket has among those the other filters keep (the inbox's counts), each
 * counted up to COUNT_CAP + 1: the published bucket of a big archive is never counted whole.
 */
export async function countInboxByStatus(db: DB, filter: Omit<InboxFilter, 'status' | 'before' | 'limit'> = {}): Promise<Map<InboxBucket, number>> {
  const counts = new Map<InboxBucket, number>();
  for (const [bucket, statuses] of Object.entries(inboxBuckets) as [InboxBucket, readonly ArticleStatus[]][]) {
    const stories = db
      .selectFrom('wire_items as w')
      .innerJoin('articles as a', 'a.id', 'w.article_id')
      .select('w.article_id')
      .distinct()
      .where((eb) => storyConditions(db, eb, { ...filter, status: bucket === 'published' ? 'published' : 'draft' }))
      // Literal statuses: with them bound, SQLite's planner walked every item (9 s at 50,000 stories).
      .where(
        'a.status',
        'in',
        statuses.map((x) => sql.lit(x)),
      )
      .limit(COUNT_CAP + 1);
    const row = await db
      .selectFrom(stories.as('s'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    counts.set(bucket, Number(row?.n ?? 0));
  }
  return counts;
}

function itemRows(db: DB, articleIds: number[]) {
  return db
    .selectFrom('wire_items')
    .select([
      'id',
      'agency',
      'item_id',
      'version',
      'version_time',
      'received_at',
      'status',
      'role',
      'source',
      'headline',
      'article_id',
      'countries',
      'sectors',
      'summary',
      'shot_text',
      'held_reason',
      'ednote',
      'embargo',
      'text_state',
      'merge_reason',
      'urgency',
    ])
    .where('article_id', 'in', articleIds)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

type ItemRow = Awaited<ReturnType<typeof itemRows>>[number];

/** A story's rows as inbox items, newest first, each linked to its item's previous version. */
function inboxItemsOf(own: ItemRow[]): InboxItem[] {
  return own.map((r): InboxItem => {
    const previous = own.find(
      (p) =>
        p.agency === r.agency &&
        p.item_id === r.item_id &&
        p.version < r.version &&
        !own.some((m) => m.agency === r.agency && m.item_id === r.item_id && m.version > p.version && m.version < r.version),
    );
    return {
      id: r.id,
      agency: r.agency,
      itemId: r.item_id,
      version: r.version,
      versionTime: r.version_time,
      receivedAt: r.received_at,
      status: r.status,
      role: r.role as InboxItem['role'],
      source: r.source,
      headline: r.headline,
      embargo: r.embargo,
      ednote: r.ednote,
      textState: r.text_state as InboxItem['textState'],
      previousId: previous?.id ?? null,
      mergeReason: r.merge_reason,
      urgency: r.urgency,
    };
  });
}

/** Every received version of the agency copy a story is made from, newest first. */
export async function storyItems(db: DB, articleId: number): Promise<InboxItem[]> {
  return inboxItemsOf(await itemRows(db, [articleId]));
}

/** One received version of an item, as the agency sent it. */
export async function getWireVersion(db: DB, id: number): Promise<{ item: WireItem; articleId: number | null; receivedAt: string } | null> {
  const row = await db.selectFrom('wire_items').select(['payload', 'article_id', 'received_at']).where('id', '=', id).executeTakeFirst();
  return row ? { item: JSON.parse(row.payload) as WireItem, articleId: row.article_id, receivedAt: row.received_at } : null;
}

/** The latest version of the item a story's text came from: what a rewrite starts from. */
export async function primaryCopyOf(db: DB, articleId: number): Promise<WireItem | null> {
  const row = await db
    .selectFrom('wire_items')
    .select('payload')
    .where('article_id', '=', articleId)
    .where('role', '=', 'primary')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? (JSON.parse(row.payload) as WireItem) : null;
}

/** Publishes a story from the inbox: the desk decided, though nobody opened its whole text. */
export async function publishFromInbox(db: DB, articleId: number, actor: Actor, now = nowIso()): Promise<Article> {
  return publishArticle(db, articleId, { actor, now }, { via: 'desk', reviewed: false });
}

/** Schedules a story for the moment the agency's embargo lifts. */
export async function scheduleAtEmbargoFromInbox(db: DB, articleId: number, actor: Actor, now = nowIso()): Promise<Article> {
  return scheduleForEmbargo(db, articleId, { actor, now }, { via: 'desk', reviewed: false });
}

/**
 * Publishes a Shot made from a story's agency copy: its extractive Shot text (whole sentences,
 * at most 60 words), with the story's filing, picture, sources and the agency's embargo and hold
 * (so the same guards apply, and the Shot follows the story when the agency holds or kills it).
 * The story itself stays as it is. Nobody read the Shot's text before it went out, and the
 * disclosure says so.
 */
export async function publishShotFromInbox(db: DB, articleId: number, actor: Actor, now = nowIso()): Promise<Article> {
  return changeContent(db, async (trx) => {
    const story = await getArticle(trx, articleId);
    if (!story) throw new NotFoundError(`No story with id ${articleId}`);
    const refusal = publicationRefusal(story, now);
    if (refusal) throw refusal;
    const row = await trx
      .selectFrom('wire_items')
      .select('shot_text')
      .where('article_id', '=', articleId)
      .where('role', '=', 'primary')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row?.shot_text) throw new ValidationError('The agency copy has no sentences short enough for a Shot.');
    const edition = await trx.selectFrom('editions').select('slug').where('id', '=', story.editionId).executeTakeFirst();
    return createArticle(
      trx,
      {
        kind: 'shot',
        headline: story.headline,
        body: `<p>${escapeHtml(row.shot_text)}</p>`,
        datelineCity: story.datelineCity,
        byline: story.byline,
        edition: edition?.slug,
        countries: story.countries,
        sectors: story.sectors,
        heroMediaId: story.hero?.id ?? null,
        sources: story.sources,
        aiInvolvement: 'none',
        createdBy: actor.userId ?? null,
      },
      { actor, now },
      {
        publish: { via: 'desk', reviewed: false },
        agency: { embargoUntil: story.embargoUntil, hold: story.agencyHold },
        derivedFrom: story.id,
        textBy: 'machine',
        detail: `Shot from story ${articleId}`,
      },
    );
  });
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Discards a story that was never published: its draft goes, and its items (and later versions
 * and duplicates of them) stay on record as discarded, so the story does not come back.
 */
export async function discardStory(db: DB, articleId: number, actor: Actor, now = nowIso()): Promise<void> {
  await changeContent(db, async (trx) => {
    const article = await getArticle(trx, articleId);
    if (!article) throw new NotFoundError(`No story with id ${articleId}`);
    if (article.publishedAt) throw new ValidationError('This story has been published: unpublish it instead of discarding it.');
    await trx.updateTable('wire_items').set({ discarded: 1 }).where('article_id', '=', articleId).execute();
    await deleteDraft(trx, articleId, { actor, now });
  });
}
