import type { ArticleStatus } from '../content/articles.js';
import { Csrf, type Option } from './desk-views.js';
import { CountryPicker, HeroField } from './editor-fields.js';
import { deskUrls, type ArticleStep } from '../presentation/desk-urls.js';

/** The article editor: the form, its workflow buttons and the hero image upload. */

export interface ArticleFormModel {
  action: string;
  csrfToken: string;
  version: number | null;
  values: {
    kind: string;
    headline: string;
    standfirst: string;
    body: string;
    datelineCity: string;
    bylineDesk: string;
    authors: string;
    edition: string;
    /** ISO codes, main country first. */
    countries: string[];
    /** Country names typed into the add field, kept when a save is refused. */
    countryNames: string;
    sectors: string[];
    aiInvolvement: string;
    heroMediaId: string;
  };
  options: { kinds: Option[]; editions: Option[]; sectors: Option[]; countries: Option[] };
  errors: string[];
  status: ArticleStatus | null;
  /** The hero image picker; null until the story is saved. */
  heroPicker: string | null;
  /** Where the editor script saves drafts in the background; null when it should not. */
  autosave: string | null;
  wordCount: number;
  warnings: string[];
}

export function ArticleFormPage({ model, actions, banner }: { model: ArticleFormModel; actions?: JSX.Element; banner?: JSX.Element }) {
  const v = model.values;
  const safeActions = actions ?? '';
  const safeBanner = banner ?? '';
  return (
    <div>
      <h1 safe>{model.version === null ? 'New article' : `Edit: ${v.headline}`}</h1>
      {model.status ? <p safe>{`Status: ${model.status} · ${model.wordCount} words`}</p> : ''}
      {model.errors.length ? (
        <div class="notice" role="alert">
          <p>The article was not saved:</p>
          <ul>
            {model.errors.map((e) => (
              <li safe>{e}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      {safeBanner}
      {model.warnings.map((w) => (
        <p class="notice" safe>
          {w}
        </p>
      ))}
      <form method="post" action={model.action} class="stack article-form" data-autosave={model.autosave ?? undefined}>
        <Csrf token={model.csrfToken} />
        {model.version !== null ? <input type="hidden" name="version" value={String(model.version)} /> : ''}
        <label for="kind">Kind</label>
        <select id="kind" name="kind">
          {model.options.kinds.map((o) => (
            <option value={o.value} selected={o.value === v.kind} safe>
              {o.label}
            </option>
          ))}
        </select>
        <label for="headline">Headline</label>
        <input id="headline" name="headline" required maxlength="300" value={v.headline} />
        <label for="standfirst">Standfirst</label>
        <textarea id="standfirst" name="standfirst" rows="3" maxlength="1000" safe>
          {v.standfirst}
        </textarea>
        <label for="body">Body (HTML: paragraphs, h2/h3, lists, links, quotes; anything else is removed)</label>
        <textarea id="body" name="body" rows="18" safe>
          {v.body}
        </textarea>
        <label for="datelineCity">Dateline city</label>
        <input id="datelineCity" name="datelineCity" maxlength="100" value={v.datelineCity} />
        <label for="bylineDesk">Desk byline (used when no authors are named)</label>
        <input id="bylineDesk" name="bylineDesk" maxlength="100" value={v.bylineDesk} />
        <label for="authors">Authors (comma-separated)</label>
        <input id="authors" name="authors" value={v.authors} />
        <label for="edition">Edition</label>
        <select id="edition" name="edition">
          {model.options.editions.map((o) => (
            <option value={o.value} selected={o.value === v.edition} safe>
              {o.label}
            </option>
          ))}
        </select>
        <CountryPicker chosen={v.countries} typed={v.countryNames} options={model.options.countries} />
        <fieldset>
          <legend>Sectors</legend>
          {model.options.sectors.map((o) => (
            <label class="check">
              <input type="checkbox" name="sectors" value={o.value} checked={v.sectors.includes(o.value)} /> <span safe>{o.label}</span>
            </label>
          ))}
        </fieldset>
        <HeroField value={v.heroMediaId} pickerHref={model.heroPicker} />
        <label for="aiInvolvement">AI involvement</label>
        <select id="aiInvolvement" name="aiInvolvement">
          {['none', 'assisted', 'generated'].map((a) => (
            <option value={a} selected={a === v.aiInvolvement} safe>
              {a}
            </option>
          ))}
        </select>
        <button type="submit">Save</button>
      </form>
      {safeActions}
    </div>
  );
}

/** Workflow buttons, each its own small form. */
export function WorkflowActions({
  id,
  csrfToken,
  actions,
  scheduleValue,
  timeZone,
}: {
  id: number;
  csrfToken: string;
  actions: { action: ArticleStep; label: string }[];
  scheduleValue: string | null;
  timeZone: string;
}) {
  return (
    <section aria-labelledby="workflow-h" class="workflow">
      <h2 id="workflow-h">Workflow</h2>
      {actions.map((a) =>
        a.action === 'correct' ? (
          <form method="post" action={deskUrls.articleStep('correct')({ id })} class="inline">
            <Csrf token={csrfToken} />
            <label for="note">Correction note (shown on the article with its time)</label>
            <input id="note" name="note" required maxlength="2000" size="50" />
            <button type="submit">Add correction</button>
          </form>
        ) : a.action === 'schedule' ? (
          <form method="post" action={deskUrls.articleStep('schedule')({ id })} class="inline">
            <Csrf token={csrfToken} />
            <label for="at" safe>
              {`Publish at (${timeZone})`}
            </label>
            <input id="at" type="datetime-local" name="at" required value={scheduleValue ?? ''} />
            <button type="submit">Schedule</button>
          </form>
        ) : (
          <form method="post" action={deskUrls.articleStep(a.action)({ id })} class="inline">
            <Csrf token={csrfToken} />
            <button type="submit" safe>
              {a.label}
            </button>
          </form>
        ),
      )}
    </section>
  );
}

export interface HeroModel {
  articleId: number;
  csrfToken: string;
  current: { src: string; alt: string; caption: string; credit: string; type: string } | null;
  sourceTypes: Option[];
  maxMegabytes: number;
}

/** Uploading the hero image: a file picker (files can be dropped on it) with the facts a picture needs. */
export function HeroUpload({ model }: { model: HeroModel }) {
  return (
    <section aria-labelledby="hero-h" class="workflow">
      <h2 id="hero-h">Hero image</h2>
      {model.current ? (
        <figure>
          <img src={model.current.src} alt={model.current.alt} width="320" />
          <figcaption safe>{`${model.current.caption} (${model.current.credit}; ${model.current.type})`}</figcaption>
        </figure>
      ) : (
        <p>No hero image yet.</p>
      )}
      <form method="post" action={deskUrls.heroUpload({ id: model.articleId })} enctype="multipart/form-data" class="stack">
        <Csrf token={model.csrfToken} />
        <label for="hero-file" safe>{`Image file (JPEG, PNG, WebP, GIF or AVIF, up to ${model.maxMegabytes} MB; drop it here or choose it)`}</label>
        <input id="hero-file" type="file" name="file" required accept="image/jpeg,image/png,image/webp,image/gif,image/avif" />
        <label for="hero-alt">Alternative text (what the image shows, for people who cannot see it)</label>
        <input id="hero-alt" name="altText" required maxlength="500" />
        <label for="hero-caption">Caption</label>
        <input id="hero-caption" name="caption" maxlength="1000" />
        <label for="hero-credit">Credit (photographer or agency)</label>
        <input id="hero-credit" name="credit" maxlength="200" />
        <label for="hero-type">How the image was made (IPTC digital source type)</label>
        <select id="hero-type" name="digitalSourceType">
          {model.sourceTypes.map((o) => (
            <option value={o.value} safe>
              {o.label}
            </option>
          ))}
        </select>
        <button type="submit">Upload and use as hero image</button>
      </form>
    </section>
  );
}
