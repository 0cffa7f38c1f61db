import { z } from 'zod';
import { getArticle } from '../content/articles.js';
import { removeArticleSource } from '../content/article-sources.js';
import { ConflictError, ValidationError } from '../content/errors.js';
import { chooseHeroImage, setHeroFocalPoint } from '../content/hero-image.js';
import { digitalSourceTypes, searchMedia } from '../content/media.js';
import { markEditing } from '../content/presence.js';
import { MAX_UPLOAD_BYTES } from '../content/uploads.js';
import { editionOf } from '../presentation/presenters.js';
import { imagePath } from '../presentation/urls.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute, type Refusal } from './desk.js';
import { idParams, text, trimmed } from './desk-input.js';
import { presenceLabels } from './editor-tools-model.js';
import { editorPage, loadEditable } from './editor-page.js';
import { MediaPickerPage } from './media-picker-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/**
 * The article editor's tools beyond the form (`article.edit`): its sources, the hero image
 * picker, the focal point and who else has the story open. Each change returns to the editor;
 * a refusal shows the editor again with its reason (422, or 409 for a story changed meanwhile).
 */

/** A number typed into a form, or NaN (which the domain refuses with its own message). */
const typedNumber = trimmed(50).transform((v) => (v === '' ? Number.NaN : Number(v)));
const sourceForm = z.object({
  agency: text(100),
  itemId: text(300),
  itemVersion: trimmed(20).transform(Number),
  version: trimmed(20).transform((v) => Number(v) || undefined),
});
// An empty choice takes the hero off; anything but a row number is refused by the handler.
const pickForm = z.object({ mediaId: trimmed(20) });
const focalForm = z.object({ x: typedNumber, y: typedNumber });

export function editorToolRoutes({ db }: Desk): DeskRoute[] {
  const backToEditor = async (ctx: DeskContext, refusal: Refusal, params: { id: number }) =>
    editorPage(db, ctx, (await getArticle(db, params.id)) ?? (await loadEditable(db, ctx, params.id)), { errors: [refusal.message] });
  /** A change made against the version the editor showed: say so plainly when someone got there first. */
  const againstOpenedVersion = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof ConflictError)
        throw new ConflictError('Not done: someone changed this story after you opened it. The editor shows the current version; try again.');
      throw error;
    }
  };

  return [
    post(deskUrls.removeSource, 'article.edit', {
      input: { params: idParams, form: sourceForm },
      notFoundIsRefusal: true,
      handler: async (ctx, { params, form }) => {
        const article = await loadEditable(db, ctx, params.id);
        const source = { agency: form.agency, itemId: form.itemId, version: form.itemVersion };
        await againstOpenedVersion(() => removeArticleSource(db, article.id, source, { actor: actorOf(ctx), expectedVersion: form.version }));
        return redirect(deskUrls.article({ id: article.id }));
      },
      refused: backToEditor,
    }),
    get(deskUrls.heroPicker, 'article.edit', {
      input: { params: idParams, query: z.object({ q: text(200) }) },
      handler: async (ctx, { params, query }) => {
        const article = await loadEditable(db, ctx, params.id);
        const images = await searchMedia(db, query.q);
        const { csrfToken } = ctx.session;
        return page(
          'Choose the hero image',
          <MediaPickerPage
            model={{
              articleId: article.id,
              headline: article.headline,
              csrfToken,
              query: query.q,
              currentId: article.hero?.id ?? null,
              images: images.map((m) => ({ id: m.id, src: imagePath(m.file, 320), alt: m.altText, caption: m.caption, credit: m.credit, file: m.file })),
              upload: {
                articleId: article.id,
                csrfToken,
                maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
                sourceTypes: Object.entries(digitalSourceTypes).map(([value, label]) => ({ value, label })),
                current: null,
              },
            }}
          />,
        );
      },
    }),
    post(deskUrls.heroPick, 'article.edit', {
      input: { params: idParams, form: pickForm },
      notFoundIsRefusal: true,
      handler: async (ctx, { params, form }) => {
        const article = await loadEditable(db, ctx, params.id);
        if (form.mediaId !== '' && !/^\d{1,15}$/.test(form.mediaId)) throw new ValidationError('Choose an image from the library.');
        await chooseHeroImage(db, article.id, form.mediaId === '' ? null : Number(form.mediaId), { actor: actorOf(ctx) });
        return redirect(deskUrls.article({ id: article.id }));
      },
      refused: backToEditor,
    }),
    post(deskUrls.heroFocal, 'article.edit', {
      input: { params: idParams, form: focalForm },
      notFoundIsRefusal: true,
      handler: async (ctx, { params, form }) => {
        const article = await loadEditable(db, ctx, params.id);
        await setHeroFocalPoint(db, article.id, { x: form.x, y: form.y }, { actor: actorOf(ctx) });
        return redirect(deskUrls.article({ id: article.id }));
      },
      refused: backToEditor,
    }),
    // The editor page's heartbeat: renews this person's presence and answers who else is there.
    post(deskUrls.presence, 'article.edit', {
      input: { params: idParams },
      handler: async (ctx, { params }) => {
        const article = await loadEditable(db, ctx, params.id);
        const others = await markEditing(db, article.id, ctx.session.user);
        return ctx.reply.header('cache-control', 'no-store').send({ others: presenceLabels(others, editionOf(ctx.dir, article)) });
      },
    }),
  ];
}
