/*
 * Articles: their types, what a valid article is, and every read. Writes go through the named
 * commands of content/lifecycle.ts (whose modules, content/lifecycle/, alone use
 * content/article-store.ts): nothing else changes an article, and nothing else can set its
 * status.
 *
 * This module is the one to import; the code is in three parts, none of which imports this one:
 * content/article-model.ts (the types and the input schema), content/article-reads.ts (by id,
 * revisions, counts) and content/article-listings.ts (pages of a listing).
 */

export {
  aiInvolvements,
  articleInput,
  articleKinds,
  articleStatuses,
  inputOf,
  MAX_ARTICLE_SOURCES,
  validateArticle,
  type AiInvolvement,
  type Article,
  type ArticleInput,
  type ArticleKind,
  type ArticleSource,
  type ArticleStatus,
  type ArticleSummary,
  type Byline,
  type ValidArticle,
} from './article-model.js';
export {
  countArticles,
  countArticlesBy,
  countCountriesInUse,
  getArticle,
  getArticlesByIds,
  listCountriesInUse,
  listRevisions,
  summariesByIds,
  type Revision,
} from './article-reads.js';
export { explainList, listArticleGroups, listArticles, MAX_PAGE_SIZE, type ArticlePage, type ListQuery } from './article-listings.js';
