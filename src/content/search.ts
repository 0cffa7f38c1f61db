import { sql, type RawBuilder } from 'kysely';
import { dialectOf, type DB } from '../db/connect.js';
import type { ArticleKind, ArticleSummary } from './articles.js';
import { summariesByIds } from './articles.js';
import { MARK_END, MARK_START } from './search-index.js';

/*
 * Full-text search over headline, standfirst and body. One interface, two engines: FTS5 with
 * bm25 on SQLite, a weighted tsvector with ts_rank_cd on PostgreSQL. Both take the same
 * websearch-style queries ("quoted phrases", OR, -excluded) and rank by relevance with a
 * recency boost (a story 30 days old counts half as much as today's).
 */

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 16;
export const SEARCH_PAGE_SIZE = 20;
const MAX_PAGE = 50;

// ── Query language ──────────────────────────────────────────────────────────

export type QueryToken = { type: 'term'; text: string; phrase: boolean; negated: boolean } | { type: 'or' };

export interface ParsedQuery {
  tokens: QueryToken[];
  /** Why the query cannot run as typed, for the reader; null when it can. */
  problem: string | null;
  /** The input was longer than we read. */
  truncated: boolean;
}

const hasWordCharacter = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** Reads a websearch-style query. Never throws: anything unusable becomes a `problem`. */
export function parseQuery(input: string): ParsedQuery {
  const truncated = input.length > MAX_QUERY_LENGTH;
  const text = input.slice(0, MAX_QUERY_LENGTH).replace(/[\u0000-\u001f\u27e6\u27e7]/g, ' ');
  const tokens: QueryToken[] = [];
  const pattern = /(-?)"([^"]*)"?|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[3] !== undefined) {
      const raw = match[3];
      if (raw === 'OR') {
        tokens.push({ type: 'or' });
        continue;
      }
      const negated = raw.startsWith('-') && raw.length > 1;
      const word = negated ? raw.slice(1) : raw;
      if (hasWordCharacter(word)) tokens.push({ type: 'term', text: word, phrase: false, negated });
    } else if (hasWordCharacter(match[2] ?? '')) {
      tokens.push({ type: 'term', text: match[2]!.trim(), phrase: true, negated: match[1] === '-' });
    }
  }
  // ORs only between two positive terms; at most MAX_TERMS terms.
  const cleaned: QueryToken[] = [];
  let terms = 0;
  for (const [i, token] of tokens.entries()) {
    if (token.type === 'or') {
      const prev = cleaned.at(-1);
      const next = tokens[i + 1];
      if (prev?.type === 'term' && !prev.negated && next?.type === 'term' && !next.negated) cleaned.push(token);
      continue;
    }
    if (terms >= MAX_TERMS) break;
    terms += 1;
    cleaned.push(token);
  }
  const positives = cleaned.filter((t) => t.type === 'term' && !t.negated).length;
  let problem: string | null = null;
  if (!input.trim()) problem = 'Type a word or a few words to search for.';
  else if (cleaned.length === 0) problem = 'Your search has no words or numbers in it. Try a word such as a country, a sector or a topic.';
  else if (positives === 0) problem = 'Your search only excludes words. Add at least one word to look for.';
  return { tokens: cleaned, problem, truncated };
}

/** The FTS5 MATCH expression: every term quoted (so no input is FTS syntax), AND binding
 *  tighter than OR as in websearch, exclusions as NOT. */
export function toFts5(query: ParsedQuery): string {
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  const parts: string[] = [];
  const excluded: string[] = [];
  for (const token of query.tokens) {
    if (token.type === 'or') parts.push('OR');
    else if (token.negated) excluded.push(quote(token.text));
    else {
      if (parts.length && parts.at(-1) !== 'OR') parts.push('AND');
      parts.push(quote(token.text));
    }
  }
  const positive = `(${parts.join(' ')})`;
  return excluded.length ? `${positive} NOT ${excluded.join(' NOT ')}` : positive;
}

/** The same query in the syntax of PostgreSQL's websearch_to_tsquery. */
export function toWebsearch(query: ParsedQuery): string {
  return query.tokens
    .map((t) => {
      if (t.type === 'or') return 'or';
      const body = t.phrase ? `"${t.text.replace(/"/g, '')}"` : t.text.replace(/["-]/g, ' ');
      return t.negated ? `-${body}` : body;
    })
    .join(' ');
}

// ── Search ──────────────────────────────────────────────────────────────────

export interface SearchFilters {
  kind?: ArticleKind;
  sector?: string;
  edition?: string;
  country?: string;
}

export interface SearchHit {
  article: ArticleSummary;
  /** HTML-safe: escaped text with <mark> around matches. */
  headlineHtml: string;
  snippetHtml: string;
}

export interface SearchResult {
  query: ParsedQuery;
  hits: SearchHit[];
  total: number;
  page: number;
  pages: number;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const markup = (text: string) => escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');

/** Published articles matching the query, best first, one page at a time. */
export async function searchArticles(db: DB, input: string, filters: SearchFilters = {}, page = 1): Promise<SearchResult> {
  const query = parseQuery(input);
  const current = Math.min(Math.max(Math.trunc(page) || 1, 1), MAX_PAGE);
  if (query.problem) return { query, hits: [], total: 0, page: current, pages: 0 };
  const filterSql = filterClause(filters);
  const offset = (current - 1) * SEARCH_PAGE_SIZE;

  let rows: { id: number; headline_hl: string; snippet: string }[];
  let total: number;
  if (dialectOf(db) === 'sqlite') {
    const match = toFts5(query);
    const from = sql`from article_search s join articles a on a.id = s.rowid
      where article_search match ${match} and a.status = 'published' ${filterSql}`;
    total = Number((await sql<{ n: number }>`select count(*) as n ${from}`.execute(db)).rows[0]?.n ?? 0);
    rows = (
      await sql<{ id: number; headline_hl: string; snippet: string }>`select a.id,
          highlight(article_search, 0, ${MARK_START}, ${MARK_END}) as headline_hl,
          snippet(article_search, -1, ${MARK_START}, ${MARK_END}, '…', 32) as snippet
        ${from}
        order by bm25(article_search, 10.0, 4.0, 1.0) / (1.0 + (julianday('now') - julianday(a.published_at)) / 30.0), a.id desc
        limit ${SEARCH_PAGE_SIZE} offset ${offset}`.execute(db)
    ).rows;
  } else {
    const ts = sql`websearch_to_tsquery('english', ${toWebsearch(query)})`;
    const from = sql`from article_search s join articles a on a.id = s.article_id
      where s.document @@ ${ts} and a.status = 'published' ${filterSql}`;
    total = Number((await sql<{ n: number }>`select count(*) as n ${from}`.execute(db)).rows[0]?.n ?? 0);
    const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
    rows = (
      await sql<{ id: number; headline_hl: string; snippet: string }>`select a.id,
          ts_headline('english', s.headline, ${ts}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) as headline_hl,
          ts_headline('english', s.standfirst || ' ' || s.body, ${ts}, ${options}) as snippet
        ${from}
        order by ts_rank_cd(s.document, ${ts}, 32) / (1.0 + extract(epoch from (now() - a.published_at)) / 2592000.0) desc, a.id desc
        limit ${SEARCH_PAGE_SIZE} offset ${offset}`.execute(db)
    ).rows;
  }
  const summaries = await summariesByIds(db, rows.map((r) => r.id));
  const hits = rows.flatMap((r) => {
    const article = summaries.get(r.id);
    return article ? [{ article, headlineHtml: markup(r.headline_hl), snippetHtml: markup(r.snippet) }] : [];
  });
  return { query, hits, total, page: current, pages: Math.min(Math.ceil(total / SEARCH_PAGE_SIZE), MAX_PAGE) };
}

function filterClause(f: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.kind) parts.push(sql`and a.kind = ${f.kind}`);
  if (f.edition) parts.push(sql`and a.edition_id = (select id from editions where slug = ${f.edition})`);
  if (f.sector) {
    parts.push(sql`and exists (select 1 from article_sectors x join sectors y on y.id = x.sector_id where x.article_id = a.id and y.slug = ${f.sector})`);
  }
  if (f.country) parts.push(sql`and exists (select 1 from article_countries x where x.article_id = a.id and x.country_code = ${f.country.toUpperCase()})`);
  return parts.length ? sql.join(parts, sql` `) : sql``;
}
