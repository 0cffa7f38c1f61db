import type { ChromeView } from '../../presentation/presenters.js';
import { LinkList } from './components.js';
import { FooterSignUp } from './newsletter.js';
import { assetPath, feedbackPath, newsletterPath, rssPath, searchPath } from '../../presentation/urls.js';

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute canonical URL. */
  canonical: string;
  ogType?: 'website' | 'article';
  /** Absolute URL of the share image, and its size in pixels. */
  image?: string;
  imageAlt?: string;
  imageWidth?: number;
  imageHeight?: number;
  /** The page's language when it is not its edition's (a French story in an English edition). */
  lang?: string;
  /** The same page in the other editions' languages (hreflang), x-default included. */
  languageAlternates?: { hreflang: string; href: string }[];
  /** Structured data objects, each written as JSON-LD. */
  jsonLd?: object[];
  alternates?: { type: string; title: string; href: string }[];
  noindex?: boolean;
  /** Extra <meta> tags (article:published_time …). */
  extraMeta?: { property: string; content: string }[];
  /** Article pages: count the read with the deferred beacon script (`script` is its hashed
   *  asset name, `beacon` where it posts), or without JavaScript with the <noscript> `pixel`. */
  readCounter?: { script: string; articleId: number; beacon: string; pixel: string };
}

export interface LayoutProps {
  chrome: ChromeView;
  meta: PageMeta;
  stylesheet: string;
  children?: JSX.Element;
  /** The header and footer, when already rendered. */
  shell?: PageShell;
}

/** JSON for a <script> element: "<" is escaped so no string can close the element. */
const jsonForScript = (value: object) => JSON.stringify(value).replace(/</g, '\\u003c');

export function Layout({ chrome, meta, stylesheet, children, shell = renderShell(chrome) }: LayoutProps): string {
  // The page body is HTML already rendered by the views.
  const safeContent = children;
  // Rendered by renderShell from the same chrome: HTML already.
  const safeShell = shell;
  const title = meta.title === chrome.siteName ? meta.title : `${meta.title} | ${chrome.siteName}`;
  return (
    '<!doctype html>' +
    (
      <html lang={meta.lang ?? chrome.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{title}</title>
          <meta name="description" content={meta.description} />
          <link rel="canonical" href={meta.canonical} />
          <meta name="robots" content={meta.noindex ? 'noindex, follow' : 'index, follow, max-image-preview:large'} />
          <link rel="stylesheet" href={assetPath(stylesheet)} />
          <link rel="icon" href="/favicon.ico" sizes="48x48" />
          <link rel="icon" href={assetPath('favicon.svg')} type="image/svg+xml" />
          <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
          <link rel="manifest" href="/site.webmanifest" />
          <link rel="search" type="application/opensearchdescription+xml" title={chrome.siteName} href="/opensearch.xml" />
          {meta.readCounter ? (
            <script src={assetPath(meta.readCounter.script)} defer data-article={String(meta.readCounter.articleId)} data-to={meta.readCounter.beacon}></script>
          ) : (
            ''
          )}
          {(meta.alternates ?? []).map((a) => (
            <link rel="alternate" type={a.type} title={a.title} href={a.href} />
          ))}
          {(meta.languageAlternates ?? []).map((a) => (
            <link rel="alternate" hreflang={a.hreflang} href={a.href} />
          ))}
          <meta property="og:site_name" content={chrome.siteName} />
          <meta property="og:type" content={meta.ogType ?? 'website'} />
          <meta property="og:title" content={meta.title} />
          <meta property="og:description" content={meta.description} />
          <meta property="og:url" content={meta.canonical} />
          <meta property="og:locale" content={chrome.ogLocale} />
          {meta.image ? <meta property="og:image" content={meta.image} /> : ''}
          {meta.image && meta.imageWidth && meta.imageHeight ? (
            <>
              <meta property="og:image:width" content={String(meta.imageWidth)} />
              <meta property="og:image:height" content={String(meta.imageHeight)} />
            </>
          ) : (
            ''
          )}
          {meta.imageAlt ? <meta property="og:image:alt" content={meta.imageAlt} /> : ''}
          <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
          {chrome.twitterHandle ? <meta name="twitter:site" content={chrome.twitterHandle} /> : ''}
          {(meta.extraMeta ?? []).map((m) => (
            <meta property={m.property} content={m.content} />
          ))}
          {(meta.jsonLd ?? []).map((data) => {
            const safeJson = jsonForScript(data);
            return <script type="application/ld+json">{safeJson}</script>;
          })}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          {safeShell.header}
          <main id="main">{safeContent}</main>
          {meta.readCounter ? (
            <noscript>
              <img class="pixel" src={meta.readCounter.pixel} alt="" width="1" height="1" />
            </noscript>
          ) : (
            ''
          )}
          {safeShell.footer}
        </body>
      </html>
    )
  );
}

/** The page's header and footer: the same on every page of an edition (on a day), so they are
 *  rendered once and reused (page.ts). */
export interface PageShell {
  header: string;
  footer: string;
}

export function renderShell(chrome: ChromeView): PageShell {
  return {
    header: (
      <header class="site-header">
        <div class="bar">
          <details class="menu">
            <summary>Menu</summary>
            <div class="menu-panel">
              <form action={searchPath()} method="get" role="search" aria-label="Search from the menu" class="menu-search">
                <label for="menu-q">Search</label>
                <input id="menu-q" type="search" name="q" maxlength="200" />
                <button type="submit">Search</button>
              </form>
              <h2>Sections</h2>
              <LinkList links={chrome.sections} label="Sections" />
              <h2>Sectors</h2>
              <LinkList links={chrome.sectors} label="Sectors" />
              <h2>Editions</h2>
              <LinkList links={chrome.editions} label="Editions" />
              <h2>Countries</h2>
              <LinkList links={chrome.countries} label="Countries" />
            </div>
          </details>
          <a class="brand" href={chrome.homeHref} safe>
            {chrome.siteName}
          </a>
          <p class="today">
            <time datetime={chrome.todayIso} safe>
              {chrome.today}
            </time>
            <span class="edition-name" safe>
              {chrome.editionName}
            </span>
          </p>
          <form action={searchPath()} method="get" role="search" aria-label="Search the site" class="header-search">
            <label for="header-q" class="visually-hidden">
              Search
            </label>
            <input id="header-q" type="search" name="q" maxlength="200" placeholder="Search" />
            <button type="submit">Search</button>
          </form>
        </div>
        {/* Every sector one click away: a row on wide screens, a strip that scrolls on phones. */}
        <nav class="sector-bar" aria-label="Sector bar">
          <LinkList links={chrome.sectors} />
        </nav>
      </header>
    ) as string,
    footer: (
      <footer class="site-footer">
        <section aria-labelledby="connect-h">
          <h2 id="connect-h">Connect us on</h2>
          <ul class="links inline">
            {chrome.socialLinks.map((l) => (
              <li>
                <a href={l.href} rel="me noopener" safe>
                  {l.label}
                </a>
              </li>
            ))}
            <li>
              <a href={rssPath()}>RSS</a>
            </li>
          </ul>
          <p class="cta">
            <a href={feedbackPath}>Give Feedback</a> · <a href={newsletterPath}>Subscribe to our Newsletter</a>
          </p>
          <FooterSignUp edition={chrome.editionSlug} />
        </section>
        <div class="columns">
          <section aria-labelledby="f-sectors">
            <h2 id="f-sectors">SECTORS</h2>
            <LinkList links={chrome.sectors} label="Sectors (footer)" />
          </section>
          <section aria-labelledby="f-editions">
            <h2 id="f-editions">EDITIONS</h2>
            <LinkList links={chrome.editions} label="Editions (footer)" />
          </section>
          <section aria-labelledby="f-other">
            <h2 id="f-other">OTHER LINKS</h2>
            <LinkList links={chrome.otherLinks} label="Other links" />
          </section>
          <section aria-labelledby="f-products">
            <h2 id="f-products">OTHER PRODUCTS</h2>
            <LinkList links={chrome.otherProducts} label="Other products" />
          </section>
          <section aria-labelledby="f-connect">
            <h2 id="f-connect">CONNECT</h2>
            <ul class="links">
              {chrome.contactEmail ? (
                <li>
                  <a href={`mailto:${chrome.contactEmail}`} safe>
                    {chrome.contactEmail}
                  </a>
                </li>
              ) : (
                ''
              )}
              {chrome.contactPhones.map((p) => (
                <li>
                  <a href={`tel:${p.replace(/[^+\d]/g, '')}`} safe>
                    {p}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <p class="legal">
          {chrome.legalLinks.map((l, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={l.href} safe>
                {l.label}
              </a>
            </>
          ))}
        </p>
        {chrome.postalAddress ? (
          <p class="address" safe>
            {`${chrome.publisherName}, ${chrome.postalAddress.replace(/\s*\n\s*/g, ', ')}`}
          </p>
        ) : (
          ''
        )}
        <p class="copyright" safe>
          {`© ${chrome.year} ${chrome.publisherName}. All rights reserved.`}
        </p>
      </footer>
    ) as string,
  };
}
