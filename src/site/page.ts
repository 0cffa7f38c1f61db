import type { Edition } from '../content/taxonomy.js';
import type { Directory } from './directory.js';
import { chromeOf } from './presenters.js';
import { absoluteUrl, rssPath, SHARE_IMAGE, shareImagePath } from './urls.js';
import { Layout, type PageMeta } from './views/layout.js';

/** A public page's HTML: the chrome of its edition, and the site's feed when the page names none. */
export function sitePageHtml(dir: Directory, edition: Edition, meta: PageMeta, body: JSX.Element, site: { stylesheet: string; siteUrl: string }): string {
  const alternates = meta.alternates?.length ? meta.alternates : [{ type: 'application/rss+xml', title: `${dir.settings.siteName} RSS`, href: absoluteUrl(site.siteUrl, rssPath()) }];
  // A page without a picture of its own is shared with the site's image.
  const image = meta.image
    ? {}
    : { image: absoluteUrl(site.siteUrl, shareImagePath), imageWidth: SHARE_IMAGE.width, imageHeight: SHARE_IMAGE.height, imageAlt: dir.settings.siteName };
  return Layout({ chrome: chromeOf(dir, edition, new Date()), meta: { ...meta, alternates, ...image }, stylesheet: site.stylesheet, children: body });
}
