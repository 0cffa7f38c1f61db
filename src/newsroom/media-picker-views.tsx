import { HeroUpload, type HeroModel } from './article-form-views.js';
import { Csrf } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The hero image picker: search the library and pick, or upload in place. Pure. */

export interface PickerImage {
  id: number;
  src: string;
  alt: string;
  caption: string;
  credit: string;
  file: string;
}

export interface MediaPickerModel {
  articleId: number;
  headline: string;
  csrfToken: string;
  query: string;
  currentId: number | null;
  images: PickerImage[];
  upload: HeroModel;
}

export function MediaPickerPage({ model }: { model: MediaPickerModel }) {
  const back = deskUrls.article({ id: model.articleId });
  const empty: string = model.query ? `No image matches “${model.query}”.` : 'The library has no images yet.';
  return (
    <div>
      <h1 safe>{`Hero image: ${model.headline}`}</h1>
      <p>
        <a href={back}>Back to the story</a>
      </p>
      <form method="get" action={deskUrls.heroPicker({ id: model.articleId })} class="inline" role="search">
        <label for="media-q">Search images by caption, credit or file name</label>
        <input id="media-q" name="q" type="search" value={model.query} maxlength="200" />
        <button type="submit">Search</button>
      </form>
      {model.images.length === 0 ? (
        <p safe>{empty}</p>
      ) : (
        <ul class="media-grid" aria-label="Images">
          {model.images.map((m) => (
            <li>
              <img src={m.src} alt={m.alt} width="160" loading="lazy" />
              <p safe>{m.caption || m.alt}</p>
              <p class="hint" safe>{`${m.credit || 'no credit'} · ${m.file}`}</p>
              {m.id === model.currentId ? (
                <p>
                  <strong>The hero image now</strong>
                </p>
              ) : (
                <form method="post" action={deskUrls.heroPick({ id: model.articleId })} class="inline">
                  <Csrf token={model.csrfToken} />
                  <input type="hidden" name="mediaId" value={String(m.id)} />
                  <button type="submit" aria-label={`Use image ${m.id} (${m.caption || m.alt}) as the hero image`}>
                    Use this image
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {model.currentId !== null ? (
        <form method="post" action={deskUrls.heroPick({ id: model.articleId })} class="inline">
          <Csrf token={model.csrfToken} />
          <input type="hidden" name="mediaId" value="" />
          <button type="submit">Use no hero image</button>
        </form>
      ) : (
        ''
      )}
      <HeroUpload model={model.upload} />
    </div>
  );
}
