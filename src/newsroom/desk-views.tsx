import { assetPath } from '../presentation/urls.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** What every newsroom screen is drawn with: the layout, tables, lists of problems, filters, messages. Pure functions of their models; every form carries the CSRF token. */

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

/** A column's name; `{ unlabelled }` names it for screen readers only, and its cells get no label on a phone (buttons, a row's own label). */
export type DeskHeader = string | { unlabelled: string };

/** A table with a caption and column headers; rows come as children. */
export function DeskTable({ caption, headers, children }: { caption: string; headers: DeskHeader[]; children?: JSX.Element | JSX.Element[] }) {
  const safeRows = labelCells(
    [children].flat().join(''),
    headers.map((h) => (typeof h === 'string' ? h : '')),
  );
  return (
    <table class="desk-table">
      <caption safe>{caption}</caption>
      <thead>
        <tr>
          {headers.map((h) =>
            typeof h === 'string' ? (
              <th scope="col" safe>
                {h}
              </th>
            ) : (
              <th scope="col">
                <span class="visually-hidden" safe>
                  {h.unlabelled}
                </span>
              </th>
            ),
          )}
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
              <a class="brand" href={deskUrls.home()} safe>
                {`${chrome.siteName} Newsroom`}
              </a>
              {chrome.user ? (
                <nav aria-label="Newsroom" class="desk-nav">
                  <a href={deskUrls.home()}>Dashboard</a>
                  <a href={deskUrls.inbox()}>Wire inbox</a>
                  <a href={deskUrls.notifications()} class={chrome.unread ? 'unread' : undefined}>
                    {chrome.unread ? `Notifications (${chrome.unread} unread)` : 'Notifications'}
                  </a>
                  <a href={deskUrls.articles()}>Articles</a>
                  <a href={deskUrls.newArticle()}>New article</a>
                  <a href={deskUrls.media()}>Media</a>
                  {chrome.adminLinks.map((l) => (
                    <a href={l.value} safe>
                      {l.label}
                    </a>
                  ))}
                  <a href="/">Site</a>
                  <form method="post" action={deskUrls.signOut()} class="inline">
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

export interface Option {
  value: string;
  label: string;
}

/** A labelled filter of a list screen: "Any" first unless the filter always has a value. */
export function FilterSelect({
  name,
  label,
  options,
  value,
  any = true,
}: {
  name: string;
  label: string;
  options: Option[];
  value: string | undefined;
  any?: boolean;
}) {
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

export function DeskMessage({ title, message }: { title: string; message: string }) {
  return (
    <div class="narrow">
      <h1 safe>{title}</h1>
      <p safe>{message}</p>
      <p>
        <a href={deskUrls.home()}>Back to the dashboard</a>
      </p>
    </div>
  );
}
