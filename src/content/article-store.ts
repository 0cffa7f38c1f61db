import type { DB } from '../db/connect.js';
import type { ArticlesTable } from '../db/schema.js';
import { getArticle, type Article, type ArticleSource, type ArticleStatus, type ValidArticle } from './articles.js';
import { ConflictError, ValidationError } from './errors.js';
import { sanitizeBody } from './html.js';
import { touchContent } from './events.js';
import { recordPublicationEvent } from './publication-events.js';
import { indexArticleText, indexImportedText, removeArticleText } from './search-index.js';
import { keysOfArticleChange } from './surrogate-keys.js';
import { authorSlugOf, slugOf } from '../util/slug.js';
import { defaultEdition } from './taxonomy.js';
import type { IsoTime } from './time.js';

/*
 * The rows of an article: the only code that writes the articles table and its link tables.
 * Only the lifecycle's modules (content/lifecycle/) import it (a test checks this): the
 * lifecycle decides the state, this stores it with the text, the links, the search index and
 * the publication event.
 */

/** The state and the derived facts, decided by the lifecycle. */
export interface ArticleState {
  status: ArticleStatus;
  scheduledFor: IsoTime | null;
  publishedAt: IsoTime | null;
  humanReviewed: boolean;
  humanEdited: boolean;
  publishedVia: 'desk' | 'auto' | null;
  embargoUntil: IsoTime | null;
  agencyHold: string | null;
  derivedFrom: number | null;
  statusReason: string;
}

export const stateOf = (a: Article): ArticleState => ({
  status: a.status,
  scheduledFor: a.scheduledFor,
  publishedAt: a.publishedAt,
  humanReviewed: a.humanReviewed,
  humanEdited: a.humanEdited,
  publishedVia: a.publishedVia,
  embargoUntil: a.embargoUntil,
  agencyHold: a.agencyHold,
  derivedFrom: a.derivedFrom,
  statusReason: a.statusReason,
});

/** Inserts a new article with its links; returns it as stored. */
export async function insertArticle(trx: DB, a: ValidArticle, state: ArticleState, now: IsoTime): Promise<Article> {
  const refs = await resolveReferences(trx, a);
  const { id } = await trx
    .insertInto('articles')
    .values({ ...columnsOf(a, refs.editionId, state), version: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(trx, id, a, refs.sectorIds, state.status === 'published' ? state.publishedAt : null, { fresh: true });
  return finish(trx, null, id, now);
}

/**
 * Stores a change to an article: its new text and filing, its new state, one version up. Refused
 * (ConflictError) when someone else saved it since `current` was read.
 */
export async function updateArticleRow(trx: DB, current: Article, a: ValidArticle, state: ArticleState, now: IsoTime): Promise<Article> {
  const refs = await resolveReferences(trx, a, current.editionId);
  const updated = await trx
    .updateTable('articles')
    .set({ ...columnsOf(a, refs.editionId, state), version: current.version + 1, updated_at: now })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError(`Article ${current.id} was changed by someone else meanwhile.`);
  await writeLinks(trx, current.id, a, refs.sectorIds, state.status === 'published' ? state.publishedAt : null);
  return finish(trx, current, current.id, now);
}

/** Reloads the stored article, indexes its text and records what the change means outside. */
async function finish(trx: DB, before: Article | null, id: number, now: IsoTime): Promise<Article> {
  const article = (await getArticle(trx, id))!;
  await indexArticleText(trx, article, { fresh: before === null });
  await recordPublicationEvent(trx, before, article, now);
  // What the public sees of it changed: the caches showing it drop it after the commit.
  touchContent(trx, keysOfArticleChange(before, article));
  return article;
}

/** Removes an article that was never published, with its index entry. */
export async function deleteArticleRow(trx: DB, id: number): Promise<void> {
  await removeArticleText(trx, id);
  await trx.deleteFrom('articles').where('id', '=', id).execute();
}

export async function recordRevision(trx: DB, article: Article, actor: { name: string; userId: number | null }, now: IsoTime, summary: string): Promise<void> {
  await trx
    .insertInto('article_revisions')
    .values({
      article_id: article.id,
      article_version: article.version,
      created_at: now,
      user_id: actor.userId,
      actor: actor.name,
      summary: summary.slice(0, 500),
      snapshot: JSON.stringify(article),
    })
    .execute();
}

/** Turns slugs and codes into ids, or lists every unknown one. Without an edition slug the
 *  article keeps `currentEditionId`, or gets the default edition. */
async function resolveReferences(db: DB, a: ValidArticle, currentEditionId?: number) {
  const problems: string[] = [];
  let editionId: number;
  if (a.edition) {
    const row = await db.selectFrom('editions').select('id').where('slug', '=', a.edition).executeTakeFirst();
    if (!row) problems.push(`edition: unknown edition "${a.edition}"`);
    editionId = row?.id ?? 0;
  } else {
    editionId = currentEditionId ?? (await defaultEdition(db)).id;
  }
  const sectorSlugs = [...new Set(a.sectors)];
  const sectorRows = sectorSlugs.length ? await db.selectFrom('sectors').select(['id', 'slug']).where('slug', 'in', sectorSlugs).execute() : [];
  const sectorIdBySlug = new Map(sectorRows.map((r) => [r.slug, r.id]));
  const unknownSectors = sectorSlugs.filter((s) => !sectorIdBySlug.has(s));
  if (unknownSectors.length) problems.push(`sectors: unknown sector ${unknownSectors.map((s) => `"${s}"`).join(', ')}`);

  const codes = [...new Set(a.countries.map((c) => c.toUpperCase()))];
  const countryRows = codes.length ? await db.selectFrom('countries').select('code').where('code', 'in', codes).execute() : [];
  const known = new Set(countryRows.map((r) => r.code));
  const unknownCountries = codes.filter((c) => !known.has(c));
  if (unknownCountries.length) problems.push(`countries: unknown country code ${unknownCountries.join(', ')}`);

  if (a.heroMediaId !== null) {
    const media = await db.selectFrom('media').select('id').where('id', '=', a.heroMediaId).executeTakeFirst();
    if (!media) problems.push(`heroMediaId: no image with id ${a.heroMediaId}`);
  }
  if (problems.length) throw new ValidationError(`Invalid article: ${problems.join('; ')}`, problems);
  return { editionId, sectorIds: sectorSlugs.map((s) => sectorIdBySlug.get(s)!) };
}

function columnsOf(a: ValidArticle, editionId: number, state: ArticleState) {
  return {
    slug: a.slug ?? slugOf(a.headline),
    kind: a.kind,
    headline: a.headline,
    standfirst: a.standfirst,
    body: sanitizeBody(a.body),
    dateline_city: a.datelineCity,
    byline_desk: 'desk' in a.byline ? a.byline.desk : null,
    language: a.language,
    edition_id: editionId,
    hero_media_id: a.heroMediaId,
    ai_involvement: a.aiInvolvement,
    created_by: a.createdBy,
    status: state.status,
    scheduled_for: state.status === 'scheduled' ? state.scheduledFor : null,
    published_at: state.publishedAt,
    human_reviewed: state.humanReviewed ? 1 : 0,
    human_edited: state.humanEdited ? 1 : 0,
    published_via: state.publishedVia,
    embargo_until: state.embargoUntil,
    agency_hold: state.agencyHold,
    derived_from: state.derivedFrom,
    status_reason: state.statusReason.slice(0, 2000),
  } satisfies Partial<ArticlesTable>;
}

/** Rewrites the link rows; `listedAt` is the publication time while published, else null. A
 *  `fresh` article (just inserted) has none to delete. */
async function writeLinks(db: DB, id: number, a: ValidArticle, sectorIds: number[], listedAt: IsoTime | null, options: { fresh?: boolean } = {}) {
  if (!options.fresh) {
    await db.deleteFrom('article_authors').where('article_id', '=', id).execute();
    await db.deleteFrom('article_sectors').where('article_id', '=', id).execute();
    await db.deleteFrom('article_countries').where('article_id', '=', id).execute();
    await db.deleteFrom('article_sources').where('article_id', '=', id).execute();
  }
  if ('authors' in a.byline && a.byline.authors.length) {
    await db
      .insertInto('article_authors')
      .values(
        a.byline.authors.map((au, position) => ({
          article_id: id,
          position,
          name: au.name,
          user_id: au.userId,
          author_slug: authorSlugOf(au.name),
          listed_at: listedAt,
        })),
      )
      .execute();
  }
  if (sectorIds.length) {
    await db
      .insertInto('article_sectors')
      .values(sectorIds.map((sector_id, position) => ({ article_id: id, sector_id, position, listed_at: listedAt })))
      .execute();
  }
  const codes = [...new Set(a.countries.map((c) => c.toUpperCase()))];
  if (codes.length) {
    await db
      .insertInto('article_countries')
      .values(codes.map((country_code, position) => ({ article_id: id, country_code, position, listed_at: listedAt })))
      .execute();
  }
  const sources = dedupeSources(a.sources);
  if (sources.length) {
    await db
      .insertInto('article_sources')
      .values(sources.map((s, position) => ({ article_id: id, agency: s.agency, item_id: s.itemId, item_version: s.version, position })))
      .execute();
  }
}

/** One row per (agency, item): the highest version wins. */
function dedupeSources(sources: ArticleSource[]): ArticleSource[] {
  const byKey = new Map<string, ArticleSource>();
  for (const s of sources) {
    const key = `${s.agency}\u0000${s.itemId}`;
    const seen = byKey.get(key);
    if (!seen || seen.version < s.version) byKey.set(key, s);
  }
  return [...byKey.values()];
}

/** A published story brought in whole, with the id it keeps (an archive moved from another
 *  system, the demo archive): the lifecycle's importPublishedStories checks and passes it here. */
export interface ImportedStory {
  id: number;
  slug: string;
  kind: string;
  headline: string;
  standfirst: string;
  /** Sanitised HTML. */
  body: string;
  /** The body's text, for the search index. */
  text: string;
  datelineCity: string;
  bylineDesk: string | null;
  authors: string[];
  language: string;
  editionId: number;
  heroMediaId: number | null;
  aiInvolvement: string;
  humanEdited: boolean;
  version: number;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  publishedAt: IsoTime;
  sectorIds: number[];
  countries: string[];
  sources: ArticleSource[];
}

/** Most bound parameters one statement takes here (SQLite allows 32,766, PostgreSQL 65,535). */
const MAX_PARAMETERS = 30_000;

async function insertMany(
  trx: DB,
  table: 'articles' | 'article_authors' | 'article_sectors' | 'article_countries' | 'article_sources',
  rows: Record<string, unknown>[],
) {
  if (rows.length === 0) return;
  const step = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += step)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + step) as never)
      .execute();
}

/** Writes imported stories, their links and search entries in a few large statements. */
export async function insertImportedStories(trx: DB, stories: readonly ImportedStory[]): Promise<void> {
  await insertMany(
    trx,
    'articles',
    stories.map((s) => ({
      id: s.id,
      slug: s.slug,
      kind: s.kind,
      status: 'published',
      headline: s.headline,
      standfirst: s.standfirst,
      body: s.body,
      dateline_city: s.datelineCity,
      byline_desk: s.bylineDesk,
      language: s.language,
      edition_id: s.editionId,
      hero_media_id: s.heroMediaId,
      ai_involvement: s.aiInvolvement,
      human_reviewed: 1,
      version: s.version,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
      published_at: s.publishedAt,
      scheduled_for: null,
      created_by: null,
      embargo_until: null,
      agency_hold: null,
      human_edited: s.humanEdited ? 1 : 0,
      published_via: 'desk',
      derived_from: null,
      status_reason: '',
    })),
  );
  const listed = <T>(s: ImportedStory, list: readonly T[], row: (item: T, position: number) => Record<string, unknown>) =>
    list.map((item, position) => ({ article_id: s.id, position, ...row(item, position) }));
  await insertMany(
    trx,
    'article_authors',
    stories.flatMap((s) => listed(s, s.authors, (name) => ({ name, user_id: null, author_slug: authorSlugOf(name), listed_at: s.publishedAt }))),
  );
  await insertMany(
    trx,
    'article_sectors',
    stories.flatMap((s) => listed(s, s.sectorIds, (sector_id) => ({ sector_id, listed_at: s.publishedAt }))),
  );
  await insertMany(
    trx,
    'article_countries',
    stories.flatMap((s) => listed(s, s.countries, (country_code) => ({ country_code, listed_at: s.publishedAt }))),
  );
  await insertMany(
    trx,
    'article_sources',
    stories.flatMap((s) => listed(s, dedupeSources(s.sources), (x) => ({ agency: x.agency, item_id: x.itemId, item_version: x.version }))),
  );
  await indexImportedText(trx, stories);
}
