import { getArticle, type Article } from '../content/articles.js';
import { removeArticleSource } from '../content/article-sources.js';
import { ConflictError, NotFoundError, ValidationError } from '../content/errors.js';
import type { DB } from '../db/connect.js';
import { chooseHeroImage, setHeroFocalPoint } from '../content/hero-image.js';
import { digitalSourceTypes, searchMedia } from '../content/media.js';
import { MAX_UPLOAD_BYTES } from '../content/uploads.js';
import { imagePath } from '../presentation/urls.js';
import { formText as text } from '../util/form.js';
import { MediaPickerPage } from './media-picker-views.js';
import { markEditing } from '../content/presence.js';
import type { Directory } from '../content/directory.js';
import { editionOf } from '../presentation/presenters.js';
import { presenceLabels } from './editor-tools-model.js';
import { actorOf, DeskError, type DeskContext, type DeskRoute } from './desk.js';
import { mayEditArticle } from './permissions.js';

/** The article editor's tools beyond the form (`article.edit`): its sources, the hero image picker and
 *  the focal point. Each change returns to the editor. */

export interface EditorToolDeps {
  db: DB;
  directory: { get(): Promise<Directory> };
  /** Shows the editor again with the reason a change was refused. */
  reopen: (ctx: DeskContext, article: Article, errors: string[], status: number) => Promise<unknown>;
}

export function editorToolRoutes({ db, directory, reopen }: EditorToolDeps): DeskRoute[] {
  async function editable(ctx: DeskContext): Promise<Article> {
    const article = await getArticle(db, Number(ctx.params.id));
    if (!article) throw new DeskError(404, 'There is no article with that number.');
    if (!mayEditArticle(ctx.session!.user, article)) throw new DeskError(403, 'You may not change this article.');
    return article;
  }
  /** Runs a change and returns to the editor; a refusal shows the editor with its reason. */
  async function change(ctx: DeskContext, article: Article, run: () => Promise<unknown>) {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof ValidationError) && !(error instanceof NotFoundError) && !(error instanceof ConflictError)) throw error;
      const current = (await getArticle(db, article.id)) ?? article;
      const message = error instanceof ConflictError ? 'Not done: someone changed this story after you opened it. The editor shows the current version; try again.' : error.message;
      return reopen(ctx, current, [message], error instanceof ConflictError ? 409 : 422);
    }
    return ctx.reply.redirect(`/newsroom/articles/${article.id}`, 303);
  }
  const expectedVersion = (ctx: DeskContext) => Number(text(ctx.form.version)) || undefined;
  /** A number typed into a form, or NaN (which the domain refuses with its own message). */
  const number = (value: unknown) => (text(value).trim() === '' ? Number.NaN : Number(text(value)));

  return [
    {
      method: 'POST',
      url: '/newsroom/articles/:id/sources/remove',
      permission: 'article.edit',
      handler: async (ctx) => {
        const article = await editable(ctx);
        const source = { agency: text(ctx.form.agency, 100), itemId: text(ctx.form.itemId, 300), version: Number(text(ctx.form.itemVersion)) };
        return change(ctx, article, () => removeArticleSource(db, article.id, source, { actor: actorOf(ctx), expectedVersion: expectedVersion(ctx) }));
      },
    },
    {
      method: 'GET',
      url: '/newsroom/articles/:id/media',
      permission: 'article.edit',
      handler: async (ctx) => {
        const article = await editable(ctx);
        const query = text(ctx.query.q, 200);
        const images = await searchMedia(db, query);
        const s = ctx.session!;
        return ctx.render(
          'Choose the hero image',
          <MediaPickerPage
            model={{
              articleId: article.id,
              headline: article.headline,
              csrfToken: s.csrfToken,
              query,
              currentId: article.hero?.id ?? null,
              images: images.map((m) => ({ id: m.id, src: imagePath(m.file, 320), alt: m.altText, caption: m.caption, credit: m.credit, file: m.file })),
              upload: {
                articleId: article.id,
                csrfToken: s.csrfToken,
                maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
                sourceTypes: Object.entries(digitalSourceTypes).map(([value, label]) => ({ value, label })),
                current: null,
              },
            }}
          />,
        );
      },
    },
    {
      method: 'POST',
      url: '/newsroom/articles/:id/hero/pick',
      permission: 'article.edit',
      handler: async (ctx) => {
        const article = await editable(ctx);
        const chosen = text(ctx.form.mediaId).trim();
        const mediaId = chosen === '' ? null : /^\d{1,15}$/.test(chosen) ? Number(chosen) : -1;
        return change(ctx, article, () => (mediaId === -1 ? Promise.reject(new ValidationError('Choose an image from the library.')) : chooseHeroImage(db, article.id, mediaId, { actor: actorOf(ctx) })));
      },
    },
    {
      method: 'POST',
      url: '/newsroom/articles/:id/hero/focal',
      permission: 'article.edit',
      handler: async (ctx) => {
        const article = await editable(ctx);
        return change(ctx, article, () => setHeroFocalPoint(db, article.id, { x: number(ctx.form.x), y: number(ctx.form.y) }, { actor: actorOf(ctx) }));
      },
    },
    {
      // The editor page's heartbeat: renews this person's presence and answers who else is there.
      method: 'POST',
      url: '/newsroom/articles/:id/presence',
      permission: 'article.edit',
      handler: async (ctx) => {
        const article = await editable(ctx);
        const others = await markEditing(db, article.id, ctx.session!.user);
        const zone = editionOf(await directory.get(), article);
        return ctx.reply.header('cache-control', 'no-store').send({ others: presenceLabels(others, zone) });
      },
    },
  ];
}
