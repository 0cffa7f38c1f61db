import { Csrf, ErrorList, type Option } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The front-page screen: pick the lead and the top stories of one edition, each until a time. */

export interface FrontPlace {
  position: number;
  name: string;
  /** The story chosen for the place ('' for "newest"), and until when (datetime-local, edition zone). */
  articleId: string;
  until: string;
}

export interface FrontScreenModel {
  edition: { slug: string; name: string; timeZone: string };
  editions: (Option & { current: boolean })[];
  places: FrontPlace[];
  candidates: Option[];
  /** What readers see now, place by place. */
  now: { name: string; headline: string; href: string; how: string; noImage: boolean }[];
  errors: string[];
  notice: string | null;
}

export function FrontScreen({ model, csrfToken }: { model: FrontScreenModel; csrfToken: string }) {
  const e = model.edition;
  return (
    <div class="front-desk">
      <h1 safe>{`Front page: ${e.name}`}</h1>
      <nav aria-label="Editions">
        <ul class="links inline">
          {model.editions.map((o) => (
            <li>
              <a href={deskUrls.front({ edition: o.value })} aria-current={o.current ? 'page' : undefined} safe>
                {o.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {model.notice ? (
        <p class="notice" role="status" safe>
          {model.notice}
        </p>
      ) : (
        ''
      )}
      <ErrorList errors={model.errors} />
      <h2>Readers see now</h2>
      <ol class="front-now">
        {model.now.map((p) => (
          <li>
            <strong safe>{p.name}</strong>
            {': '}
            <a href={p.href} safe>
              {p.headline}
            </a>{' '}
            <span class="hint" safe>
              {`(${p.how}${p.noImage ? '; no image: shown as a text lead' : ''})`}
            </span>
          </li>
        ))}
      </ol>
      <h2>Pin stories</h2>
      <p>A place left on “Newest story” takes the newest story not shown above it. A pin ends at its time, or as soon as its story is no longer published.</p>
      <form method="post" action={deskUrls.frontEdition({ slug: e.slug })} class="stack">
        <Csrf token={csrfToken} />
        {model.places.map((p) => (
          <fieldset class="front-place">
            <legend safe>{p.name}</legend>
            <label for={`story-${p.position}`}>Story</label>
            <select id={`story-${p.position}`} name={`story-${p.position}`}>
              <option value="">Newest story (automatic)</option>
              {model.candidates.map((c) => (
                <option value={c.value} selected={c.value === p.articleId} safe>
                  {c.label}
                </option>
              ))}
            </select>
            <label for={`until-${p.position}`} safe>{`Pinned until (${e.timeZone})`}</label>
            <input id={`until-${p.position}`} type="datetime-local" name={`until-${p.position}`} value={p.until} />
          </fieldset>
        ))}
        <button type="submit">Save the front page</button>
      </form>
      <form method="post" action={deskUrls.frontEdition({ slug: e.slug })} class="inline">
        <Csrf token={csrfToken} />
        <input type="hidden" name="clear" value="1" />
        <button type="submit">Remove every pin</button>
      </form>
    </div>
  );
}
