import type { DB } from '../db/connect.js';
import { getArticle, type Article, type ArticleSource } from './articles.js';
import { NotFoundError, ValidationError } from './errors.js';
import { editArticle, type CommandContext } from './lifecycle.js';

/** Takes one agency report off a story's credits (a revision and an audit entry, like any save). */
export async function removeArticleSource(db: DB, id: number, source: ArticleSource, ctx: CommandContext): Promise<Article> {
  const article = await getArticle(db, id);
  if (!article) throw new NotFoundError(`No article with id ${id}`);
  const same = (s: ArticleSource) => s.agency === source.agency && s.itemId === source.itemId && s.version === source.version;
  if (!article.sources.some(same)) throw new ValidationError(`This story does not credit ${source.agency} item ${source.itemId} version ${source.version}.`);
  const label = `${source.agency} ${source.itemId} v${source.version}`;
  return editArticle(db, id, { sources: article.sources.filter((s) => !same(s)) }, ctx, { action: 'article.sources', summary: `Removed the source ${label}` });
}
