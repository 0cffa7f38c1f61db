import type { DB } from '../db/connect.js';
import { getArticle, type Article } from './articles.js';
import { recordAudit } from './audit.js';
import { NotFoundError, ValidationError } from './errors.js';
import { changeContent, touchContent } from './events.js';
import { editArticle, subjectOf, type CommandContext } from './lifecycle.js';
import { getMedia, setFocalPoint, type FocalPoint, type Media } from './media.js';
import { articleKey, keysOfArticleChange } from './surrogate-keys.js';

/** A story's hero image: picked from the library, and the point of it every crop keeps. */

/** Makes a library image (or none) the story's hero, as a save with its revision and audit entry. */
export async function chooseHeroImage(db: DB, articleId: number, mediaId: number | null, ctx: CommandContext): Promise<Article> {
  if (mediaId !== null && !(await getMedia(db, mediaId))) throw new ValidationError(`There is no image ${mediaId} in the library.`);
  return editArticle(db, articleId, { heroMediaId: mediaId }, ctx, {
    action: 'article.hero',
    summary: mediaId === null ? 'Removed the hero image' : `Hero image ${mediaId} from the library`,
  });
}

/** Sets the focal point of a story's hero image, with its audit entry, in one transaction; the
 *  public pages showing the image are drawn again (their crops' addresses change). */
export async function setHeroFocalPoint(db: DB, articleId: number, focal: FocalPoint, ctx: CommandContext): Promise<Media> {
  return changeContent(db, async (trx) => {
    const article = await getArticle(trx, articleId);
    if (!article) throw new NotFoundError(`No article with id ${articleId}`);
    if (!article.hero) throw new ValidationError('This story has no hero image to set a focal point on.');
    const media = await setFocalPoint(trx, article.hero.id, focal);
    // The crops' addresses name the point (urls.ts cropPath): the pages showing them are drawn again.
    const showing = await trx.selectFrom('articles').select('id').where('hero_media_id', '=', media.id).where('status', '=', 'published').execute();
    touchContent(trx, [...keysOfArticleChange(null, article), ...showing.map((r) => articleKey(r.id))]);
    await recordAudit(
      trx,
      ctx.actor,
      'media.focal',
      subjectOf(article),
      `image ${media.id}: focal point ${media.focal!.x.toFixed(3)}, ${media.focal!.y.toFixed(3)}`,
      ctx.now,
    );
    return media;
  });
}
