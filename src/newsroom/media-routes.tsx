import { z } from 'zod';
import { digitalSourceTypes, listMedia, type DigitalSourceType } from '../content/media.js';
import { ValidationError } from '../content/errors.js';
import { editArticle } from '../content/lifecycle.js';
import { storeUploadedImage } from '../content/uploads.js';
import { imagePath } from '../presentation/urls.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskRoute } from './desk.js';
import { idParams, text } from './desk-input.js';
import { loadEditable } from './editor-page.js';
import { MediaLibraryPage } from './media-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** Pictures: the media library, and uploading an article's hero image (multipart, upload-form.ts). */

const heroFields = z.object({
  altText: text(),
  caption: text(),
  credit: text(),
  digitalSourceType: text().transform((t): DigitalSourceType => (t in digitalSourceTypes ? (t as DigitalSourceType) : 'digitalCapture')),
});

export function mediaRoutes({ db, config }: Desk): DeskRoute[] {
  return [
    post(deskUrls.heroUpload, 'article.edit', {
      uploads: true,
      input: { params: idParams, form: heroFields },
      handler: async (ctx, { params, form }) => {
        const article = await loadEditable(db, ctx, params.id);
        const file = ctx.files.file;
        if (!file) throw new ValidationError('Choose an image file to upload.');
        const media = await storeUploadedImage(db, config.dataDir, file, form);
        await editArticle(
          db,
          article.id,
          { heroMediaId: media.id },
          { actor: actorOf(ctx) },
          { action: 'media.upload', summary: `New hero image ${media.id} (${media.mimeType}, ${media.width}×${media.height})` },
        );
        return redirect(deskUrls.article({ id: article.id }));
      },
    }),
    get(deskUrls.media, 'desk.view', {
      handler: async () =>
        page(
          'Media library',
          <MediaLibraryPage
            items={(await listMedia(db, 60)).map((m) => ({
              id: m.id,
              src: imagePath(m.file, 320),
              alt: m.altText,
              credit: m.credit,
              type: m.digitalSourceType,
            }))}
          />,
        ),
    }),
  ];
}
