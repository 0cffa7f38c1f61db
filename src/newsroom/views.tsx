import { assetPath } from '../presentation/urls.js';
import type { ArticleKind, ArticleStatus, ArticleSummary } from '../content/articles.js';
import type { AuditEntry } from '../content/audit.js';
import { CountryPicker, HeroField } from './editor-fields.js';

/** Newsroom screens: pure functions of their models. Every form carries the CSRF token. */

export interface DeskChrome {
  stylesheet: string;
  siteName: string;
  user: { displayName: string; role: string } | null;
  csrfToken: string;
  /** The admin screens this user may open. */
  adminLinks: Option[];
  /** Notifications this user has not read. */
  unread: number;
}

/** Gives each cell of each row its column's name (data-label), which a phone shows beside the
 *  value once rows are stacked instead of side by side. It walks the markup tag by tag, so a
 *  "<td" inside an attribute value (kitajs escapes only quotes there) is left alone. */
export function labelCells(rowsHtml: string, headers: readonly string[]): string {
  const labels = headers.map((h) => h.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;'));
  let out = '';
  let column = 0;
  let at = 0;
  while (at < rowsHtml.length) {
    const start = rowsHtml.indexOf('<', at);
    if (start < 0) {
      out += rowsHtml.slice(at);
      break;
    }
    out += rowsHtml.slice(at, start);
    // The tag ends at the first ">" outside a quoted attribute value.
    let end = start + 1;
    for (let quote = ''; end < rowsHtml.length; end++) {
      const c = rowsHtml[end]!;
      if (quote) quote = c === quote ? '' : quote;
      else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    const tag = rowsHtml.slice(start, end + 1);
    const name = /^<([a-z][a-z0-9-]*)(?=[\s>/])/i.exec(tag)?.[1]?.toLowerCase();
    if (name === 'tr') column = 0;
    const label = name === 'td' || name === 'th' ? labels[column++] : undefined;
    // A column without a name (a row's own label) gets none.
    out += label ? `${tag.slice(0, 3)} data-label="${label}"${tag.slice(3)}` : tag;
    at = end + 1;
  }
  return out;
}

/** A table with a caption and column headers; rows come as children. */
export function DeskTable({ caption, headers, children }: { caption: string; headers: string[]; children?: JSX.Element | JSX.Element[] }) {
  const safeRows = labelCells([children].flat().join(''), headers);
  return (
    <table class="desk-table">
      <caption safe>{caption}</caption>
      <thead>
        <tr>
          {headers.map((h) => (
            <th scope="col" safe>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{safeRows}</tbody>
    </table>
  );
}

/** Problems with what was sent, listed for the person who sent it. */
export function ErrorList({ errors }: { errors: string[] }) {
  if (errors.length === 0) return '';
  return (
    <ul class="notice" role="alert">
      {errors.map((e) => (
        <li safe>{e}</li>
      ))}
    </ul>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function DeskLayout({ chrome, title, children, script }: { chrome: DeskChrome; title: string; children?: JSX.Element; script?: string }): string {
  const safeContent = children;
  return (
    '<!doctype html>' +
    (
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <title safe>{`${title} | Newsroom | ${chrome.siteName}`}</title>
          <link rel="stylesheet" href={assetPath(chrome.stylesheet)} />
          {script ? <script src={assetPath(script)} defer /> : ''}
        </head>
        <body class="desk">
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="bar">
              <a class="brand" href="/newsroom" safe>
                {`${chrome.siteName} Newsroom`}
              </a>
              {chrome.user ? (
                <nav aria-label="Newsroom" class="desk-nav">
                  <a href="/newsroom">Dashboard</a>
                  <a href="/newsroom/inbox">Wire inbox</a>
                  <a href="/newsroom/notifications" class={chrome.unread ? 'unread' : undefined}>
                    {chrome.unread ? `Notifications (${chrome.unread} unread)` : 'Notifications'}
                  </a>
                  <a href="/newsroom/articles">Articles</a>
                  <a href="/newsroom/articles/new">New article</a>
                  <a href="/newsroom/media">Media</a>
                  {chrome.adminLinks.map((l) => (
                    <a href={l.value} safe>
                      {l.label}
                    </a>
                  ))}
                  <a href="/">Site</a>
                  <form method="post" action="/newsroom/sign-out" class="inline">
                    <Csrf token={chrome.csrfToken} />
                    <button type="submit">Sign out</button>
                  </form>
                </nav>
              ) : (
                ''
              )}
            </div>
          </header>
          <main id="main">{safeContent}</main>
        </body>
      </html>
    )
  );
}

export function SignInPage({ error, email, csrfToken, next }: { error?: string; email?: string; csrfToken: string; next: string }) {
  return (
    <div class="narrow">
      <h1>Sign in to the newsroom</h1>
      {error ? (
        <p class="notice" role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <form method="post" action="/newsroom/sign-in" class="stack">
        <Csrf token={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href="/newsroom/forgot-password">Forgot your password?</a>
      </p>
    </div>
  );
}

export interface ArticleRow {
  id: number;
  headline: string;
  kind: ArticleKind;
  status: ArticleStatus;
  byline: string;
  when: string;
  editHref: string;
  publicHref: string | null;
}

function ArticleTable({ rows, caption }: { rows: ArticleRow[]; caption: string }) {
  if (rows.length === 0) return <p safe>{`${caption}: none.`}</p>;
  return (
    <DeskTable caption={caption} headers={['Headline', 'Kind', 'Status', 'By', 'When']}>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={r.editHref} safe>
                {r.headline}
              </a>
            </td>
            <td>{r.kind}</td>
            <td>{r.status}</td>
            <td safe>{r.byline}</td>
            <td safe>{r.when}</td>
          </tr>
        ))}
    </DeskTable>
  );
}

export function DashboardPage({ counts, review, scheduled, recent }: { counts: Record<string, number>; review: ArticleRow[]; scheduled: ArticleRow[]; recent: ArticleRow[] }) {
  return (
    <div>
      <h1>Dashboard</h1>
      <ul class="counts">
        {Object.entries(counts).map(([status, n]) => (
          <li>
            <a href={`/newsroom/articles?status=${status}`} safe>
              {`${status}: ${n}`}
            </a>
          </li>
        ))}
      </ul>
      <ArticleTable rows={review} caption="Waiting for review" />
      <ArticleTable rows={scheduled} caption="Scheduled" />
      <ArticleTable rows={recent} caption="Recently published" />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled filter of a list screen: "Any" first unless the filter always has a value. */
export function FilterSelect({ name, label, options, value, any = true }: { name: string; label: string; options: Option[]; value: string | undefined; any?: boolean }) {
  return (
    <>
      <label for={`f-${name}`} safe>
        {label}
      </label>
      <select id={`f-${name}`} name={name}>
        {any ? <option value="">Any</option> : ''}
        {options.map((o) => (
          <option value={o.value} selected={value === o.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

export function ArticleListPage({ rows, filters, options, olderHref, newerHref }: { rows: ArticleRow[]; filters: Record<string, string>; options: Record<'statuses' | 'kinds' | 'sectors' | 'editions' | 'authors', Option[]>; olderHref: string | null; newerHref: string | null }) {
  const select = (name: string, label: string, opts: Option[]) => <FilterSelect name={name} label={label} options={opts} value={filters[name]} />;
  return (
    <div>
      <h1>Articles</h1>
      <form method="get" action="/newsroom/articles" class="filters">
        {select('status', 'Status', options.statuses)}
        {select('kind', 'Kind', options.kinds)}
        {select('sector', 'Sector', options.sectors)}
        {select('edition', 'Edition', options.editions)}
        {select('author', 'Created by', options.authors)}
        <label for="f-country">Country code</label>
        <input id="f-country" name="country" value={filters.country ?? ''} maxlength="2" size="3" />
        <label for="f-text">Headline contains</label>
        <input id="f-text" name="text" type="search" value={filters.text ?? ''} maxlength="100" />
        <button type="submit">Filter</button>
      </form>
      <ArticleTable rows={rows} caption="Articles, most recently changed first" />
      <nav class="pager" aria-label="Pages">
        {newerHref ? <a href={newerHref}>← Newer</a> : <span />}
        {olderHref ? <a href={olderHref}>Older →</a> : <span />}
      </nav>
    </div>
  );
}

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
      {model.status ? (
        <p safe>{`Status: ${model.status} · ${model.wordCount} words`}</p>
      ) : (
        ''
      )}
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
        <HeroField value={v.heroMediaId} pickerHref={model.version === null ? null : `${model.action}/media`} />
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
export function WorkflowActions({ id, csrfToken, actions, scheduleValue, timeZone }: { id: number; csrfToken: string; actions: { action: string; label: string }[]; scheduleValue: string | null; timeZone: string }) {
  return (
    <section aria-labelledby="workflow-h" class="workflow">
      <h2 id="workflow-h">Workflow</h2>
      {actions.map((a) =>
        a.action === 'correct' ? (
          <form method="post" action={`/newsroom/articles/${id}/correct`} class="inline">
            <Csrf token={csrfToken} />
            <label for="note">Correction note (shown on the article with its time)</label>
            <input id="note" name="note" required maxlength="2000" size="50" />
            <button type="submit">Add correction</button>
          </form>
        ) : a.action === 'schedule' ? (
          <form method="post" action={`/newsroom/articles/${id}/schedule`} class="inline">
            <Csrf token={csrfToken} />
            <label for="at" safe>
              {`Publish at (${timeZone})`}
            </label>
            <input id="at" type="datetime-local" name="at" required value={scheduleValue ?? ''} />
            <button type="submit">Schedule</button>
          </form>
        ) : (
          <form method="post" action={`/newsroom/articles/${id}/${a.action}`} class="inline">
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

export function RevisionsPage({ headline, revisions, csrfToken, articleId, canRestore }: { headline: string; articleId: number; csrfToken: string; canRestore: boolean; revisions: { id: number; at: string; actor: string; summary: string }[] }) {
  const pick = (name: string, label: string, selected: number | undefined) => (
    <>
      <label for={`rev-${name}`} safe>
        {label}
      </label>
      <select id={`rev-${name}`} name={name}>
        {revisions.map((r) => (
          <option value={String(r.id)} selected={r.id === selected} safe>
            {`${r.at} · ${r.actor}`}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <div>
      <h1 safe>{`Revisions: ${headline}`}</h1>
      {revisions.length > 1 ? (
        <form method="get" action={`/newsroom/articles/${articleId}/diff`} class="filters">
          {pick('from', 'Compare', revisions[1]?.id)}
          {pick('to', 'with', revisions[0]?.id)}
          <button type="submit">Show changes</button>
        </form>
      ) : (
        ''
      )}
      <DeskTable caption="Every saved change of the published article, newest first" headers={['When', 'Who', 'What', 'Restore']}>
          {revisions.map((r, i) => (
            <tr>
              <td safe>{r.at}</td>
              <td safe>{r.actor}</td>
              <td safe>{r.summary}</td>
              <td>
                {canRestore && i > 0 ? (
                  <form method="post" action={`/newsroom/articles/${articleId}/revisions/${r.id}/restore`} class="inline">
                    <Csrf token={csrfToken} />
                    <button type="submit">Restore this version</button>
                  </form>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
      </DeskTable>
    </div>
  );
}

export function AuditPage({ entries }: { entries: AuditEntry[] }) {
  return (
    <div>
      <h1>Audit log</h1>
      <DeskTable caption="Newest first" headers={['When', 'Who', 'Action', 'Subject', 'Detail']}>
          {entries.map((e) => (
            <tr>
              <td safe>{e.at}</td>
              <td safe>{e.actor}</td>
              <td safe>{e.action}</td>
              <td safe>{e.subject}</td>
              <td safe>{e.detail}</td>
            </tr>
          ))}
      </DeskTable>
    </div>
  );
}

export function DeskMessage({ title, message }: { title: string; message: string }) {
  return (
    <div class="narrow">
      <h1 safe>{title}</h1>
      <p safe>{message}</p>
      <p>
        <a href="/newsroom">Back to the dashboard</a>
      </p>
    </div>
  );
}

export type { ArticleSummary };

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
      <form method="post" action={`/newsroom/articles/${model.articleId}/hero`} enctype="multipart/form-data" class="stack">
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

export function MediaLibraryPage({ items }: { items: { id: number; src: string; alt: string; credit: string; type: string }[] }) {
  return (
    <div>
      <h1>Media library</h1>
      <p>Choose a story's hero image from its editor ("Choose a hero image"), or use an image's address with the editor's Image button.</p>
      <ul class="media-grid">
        {items.map((m) => (
          <li>
            <img src={m.src} alt={m.alt} width="160" loading="lazy" />
            <p safe>{`#${m.id} · ${m.credit || 'no credit'} · ${m.type}`}</p>
            <p>
              <code safe>{m.src.replace('/media/320/', '/media/960/')}</code>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DiffPage({ headline, from, to, fields }: { headline: string; from: string; to: string; fields: { field: string; html: string; changed: boolean }[] }) {
  return (
    <div>
      <h1 safe>{`Changes: ${headline}`}</h1>
      <p safe>{`From ${from} to ${to}. Removed words are struck through, added words underlined.`}</p>
      <dl class="diff">
        {fields.map((f) => {
          const safeHtml = f.html;
          return (
            <>
              <dt safe>{`${f.field}${f.changed ? ' (changed)' : ''}`}</dt>
              <dd>{safeHtml}</dd>
            </>
          );
        })}
      </dl>
    </div>
  );
}
