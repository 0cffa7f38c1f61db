import { dialectOf, type DB } from '../db/connect.js';
import type { ArticleKind, ArticleSummary } from './articles.js';
import { summariesByIds } from './articles.js';
import { MARK_END, MARK_START } from './search-index.js';
import { searchPostgres, searchSqlite } from './search-queries.js';

/*
 * Full-text search over headline, standfirst and body. One interface, two engines: FTS5 with
 * bm25 on SQLite, a weighted tsvector with ts_rank_cd on PostgreSQL. Both take the same
 * websearch-style queries ("quoted phrases", OR, -excluded) and rank by relevance with a
 * recency boost (a story 30 days old counts half as much as today's). Each search reads at
 * most the newest RESULT_CAP + 1 matches, so its cost does not grow with the archive: beyond
 * that the count says "more than RESULT_CAP" (content/search-queries.ts).
 */

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 16;
export const SEARCH_PAGE_SIZE = 20;
const MAX_PAGE = 50;
/** The most results a search counts, ranks and pages through: 50 pages of 20. */
export const RESULT_CAP = MAX_PAGE * SEARCH_PAGE_SIZE;

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

const quoteFts5 = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** The FTS5 expression of the words to find, without the exclusions: "(a AND b OR c)". */
export function positiveFts5(query: ParsedQuery): string {
  const parts: string[] = [];
  for (const token of query.tokens) {
    if (token.type === 'or') parts.push('OR');
    else if (!token.negated) {
      if (parts.length && parts.at(-1) !== 'OR') parts.push('AND');
      parts.push(quoteFts5(token.text));
    }
  }
  return `(${parts.join(' ')})`;
}

/** The FTS5 MATCH expression: every term quoted (so no input is FTS syntax), AND binding
 *  tighter than OR as in websearch, exclusions as NOT. */
export function toFts5(query: ParsedQuery): string {
  const excluded = query.tokens.flatMap((t) => (t.type === 'term' && t.negated ? [quoteFts5(t.text)] : []));
  const positive = positiveFts5(query);
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
  /** Matching stories, counted up to RESULT_CAP. */
  total: number;
  /** More than `total` (= RESULT_CAP) stories match: only the newest of them are ranked and shown. */
  capped: boolean;
  page: number;
  pages: number;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const markup = (text: string) => escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');

/** Published articles matching the query, best first, one page at a time. At most RESULT_CAP
 *  of them, the newest matches (content/search-queries.ts), however many match. */
export async function searchArticles(db: DB, input: string, filters: SearchFilters = {}, page = 1): Promise<SearchResult> {
  const query = parseQuery(input);
  const current = Math.min(Math.max(Math.trunc(page) || 1, 1), MAX_PAGE);
  if (query.problem) return { query, hits: [], total: 0, capped: false, page: current, pages: 0 };
  const window = { cap: RESULT_CAP, limit: SEARCH_PAGE_SIZE, offset: (current - 1) * SEARCH_PAGE_SIZE };
  const engineFilters = { ...filters, country: filters.country?.toUpperCase() };
  const found =
    dialectOf(db) === 'sqlite'
      ? await searchSqlite(db, { full: toFts5(query), positive: positiveFts5(query) }, engineFilters, window)
      : await searchPostgres(db, toWebsearch(query), engineFilters, window);
  const summaries = await summariesByIds(
    db,
    found.rows.map((r) => r.id),
  );
  const hits = found.rows.flatMap((r) => {
    const article = summaries.get(r.id);
    return article ? [{ article, headlineHtml: markup(r.headline_hl), snippetHtml: markup(r.snippet) }] : [];
  });
  const total = Math.min(found.total, RESULT_CAP);
  return { query, hits, total, capped: found.total > RESULT_CAP, page: current, pages: Math.min(Math.ceil(total / SEARCH_PAGE_SIZE), MAX_PAGE) };
}
