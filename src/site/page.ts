import type { Edition } from '../content/taxonomy.js';
import type { Directory } from '../content/directory.js';
import { chromeOf } from '../presentation/presenters.js';
import { absoluteUrl, rssPath, SHARE_IMAGE, shareImagePath } from '../presentation/urls.js';
import { Layout, renderShell, type PageMeta, type PageShell } from './views/layout.js';

/** Each directory's rendered chrome and shell, by edition and minute (the header shows the date). */
const shells = new WeakMap<Directory, Map<string, { chrome: ReturnType<typeof chromeOf>; shell: PageShell }>>();

function shellOf(dir: Directory, edition: Edition, now: Date) {
  let byKey = shells.get(dir);
  if (!byKey) shells.set(dir, (byKey = new Map()));
  const key = `${edition.id}|${Math.floor(now.getTime() / 60_000)}`;
  let made = byKey.get(key);
  if (!made) {
    if (byKey.size > 4 * 64) byKey.clear();
    const chrome = chromeOf(dir, edition, now);
    made = { chrome, shell: renderShell(chrome) };
    byKey.set(key, made);
  }
  return made;
}

/** A public page's HTML: the chrome of its edition, and the site's feed when the page names none. */
export function sitePageHtml(dir: Directory, edition: Edition, meta: PageMeta, body: JSX.Element, site: { stylesheet: string; siteUrl: string }): string {
  const alternates = meta.alternates?.length
    ? meta.alternates
    : [{ type: 'application/rss+xml', title: `${dir.settings.siteName} RSS`, href: absoluteUrl(site.siteUrl, rssPath()) }];
  // A page without a picture of its own is shared with the site's image.
  const image = meta.image
    ? {}
    : { image: absoluteUrl(site.siteUrl, shareImagePath), imageWidth: SHARE_IMAGE.width, imageHeight: SHARE_IMAGE.height, imageAlt: dir.settings.siteName };
  const { chrome, shell } = shellOf(dir, edition, new Date());
  return Layout({ chrome, shell, meta: { ...meta, alternates, ...image }, stylesheet: site.stylesheet, children: body });
}
