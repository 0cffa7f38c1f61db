import { disclosureOf, factsOf, type Disclosure } from '../content/disclosure.js';
import type { Article, ArticleKind, ArticleSummary, Byline } from '../content/articles.js';
import { textOf } from '../content/html.js';
import { authorSlugOf } from '../util/slug.js';
import { isSynthetic, type Media } from '../content/media.js';
import type { Edition } from '../content/taxonomy.js';
import type { Directory } from '../content/directory.js';
import { bylineTime, firstWords, listOfNames, longDate, shortDate } from './format.js';
import { localDate, zoneFormatter } from '../util/time-zones.js';
import {
  articlePath,
  authorPath,
  countriesPath,
  countryPath,
  editionLatestPath,
  editionPath,
  feedbackAboutPath,
  imagePath,
  kindListingPath,
  sectorPath,
  staticPagePath,
} from './urls.js';

/** Presenters: domain objects in, view models out. Views render these and nothing else. */

export interface LinkView {
  label: string;
  href: string;
}

export interface ImageView {
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  alt: string;
  /** Caption text including, for generated images, the plain statement that it is not a photo. */
  caption: string;
  credit: string;
  synthetic: boolean;
  /** For the sitemap and structured data: the original's path below /media. */
  original: string;
  digitalSourceType: string;
}

export interface CardView {
  id: number;
  href: string;
  kind: ArticleKind;
  kindLabel: string;
  headline: string;
  standfirst: string;
  image: ImageView | null;
  /** A small thumbnail (Trending). */
  thumb: { src: string; width: number; height: number } | null;
  country: LinkView | null;
  sector: LinkView | null;
  timeIso: string;
  timeLabel: string;
}

export interface ChromeView {
  siteName: string;
  tagline: string;
  publisherName: string;
  contactEmail: string;
  contactPhones: string[];
  socialLinks: LinkView[];
  otherLinks: LinkView[];
  otherProducts: LinkView[];
  legalLinks: LinkView[];
  sections: LinkView[];
  sectors: LinkView[];
  editions: (LinkView & { current: boolean })[];
  /** The busiest countries, then "All countries". */
  countries: LinkView[];
  today: string;
  /** Today in the edition's zone, YYYY-MM-DD (the header's <time datetime>). */
  todayIso: string;
  /** The edition's language (BCP 47, en-IN), for <html lang>. */
  lang: string;
  /** The same for Open Graph (en_IN). */
  ogLocale: string;
  twitterHandle: string;
  postalAddress: string;
  year: number;
  editionName: string;
  /** The page's edition (the footer's newsletter form signs up to it). */
  editionSlug: string;
  homeHref: string;
}

export const kindLabels: Record<ArticleKind, string> = {
  news: 'News',
  opinion: 'Opinion',
  blog: 'Blog',
  interview: 'Interview',
  shot: 'Shots',
};

/** Widths we derive from each original (WebP). */
export const IMAGE_WIDTHS = [320, 480, 640, 960, 1280, 1600] as const;

const typeLabel: Partial<Record<string, string>> = {
  trainedAlgorithmicMedia: 'AI-generated illustration',
  compositeWithTrainedAlgorithmicMedia: 'Image made partly with generative AI',
  algorithmicMedia: 'Computer-generated illustration',
  digitalArt: 'Digital illustration',
  dataDrivenMedia: 'Data graphic',
  compositeSynthetic: 'Composite illustration',
};

/** The caption a reader sees. A generated image says plainly that it is not a photograph of a
 *  real event or place, whatever the editor wrote; a photo carries its credit. */
export function captionFor(media: Media): string {
  if (!isSynthetic(media.digitalSourceType)) return media.caption;
  const label = typeLabel[media.digitalSourceType] ?? 'Generated illustration';
  const statement = `${label}: not a photograph of a real event or place.`;
  return /not a photograph/i.test(media.caption) ? media.caption : `${media.caption ? `${media.caption} ` : ''}${statement}`.trim();
}

export function imageView(media: Media, sizes: string): ImageView {
  const widths = IMAGE_WIDTHS.filter((w) => w <= Math.max(media.width, IMAGE_WIDTHS[0]));
  const fallback = widths.includes(640) ? 640 : widths.at(-1)!;
  return {
    src: imagePath(media.file, fallback),
    srcset: widths.map((w) => `${imagePath(media.file, w)} ${w}w`).join(', '),
    sizes,
    width: media.width,
    height: media.height,
    alt: media.altText,
    caption: captionFor(media),
    credit: media.credit,
    synthetic: isSynthetic(media.digitalSourceType),
    original: media.file,
    digitalSourceType: media.digitalSourceType,
  };
}

export function bylineNames(byline: Byline): string {
  return 'desk' in byline ? byline.desk : listOfNames(byline.authors.map((a) => a.name));
}

/** The byline as links: each named author to their page; a desk is plain text. */
export function bylineLinks(byline: Byline): { label: string; href: string | null }[] {
  return 'desk' in byline ? [{ label: byline.desk, href: null }] : byline.authors.map((a) => ({ label: a.name, href: authorPath(authorSlugOf(a.name)) }));
}

export function editionOf(dir: Directory, article: { editionId: number }): Edition {
  return dir.editionById.get(article.editionId) ?? dir.defaultEdition;
}

export function cardOf(a: ArticleSummary, dir: Directory, sizes = '(min-width: 900px) 300px, 100vw'): CardView {
  const country = a.countries[0] ? dir.countryByCode.get(a.countries[0]) : undefined;
  const sector = a.sectors[0] ? dir.sectorBySlug.get(a.sectors[0]) : undefined;
  const time = a.publishedAt ?? a.updatedAt;
  return {
    id: a.id,
    href: articlePath(a),
    kind: a.kind,
    kindLabel: kindLabels[a.kind],
    headline: a.headline,
    standfirst: a.kind === 'shot' ? firstWords(a.standfirst, 60) : a.standfirst,
    image: a.hero ? imageView(a.hero, sizes) : null,
    thumb: a.hero ? { src: imagePath(a.hero.file, IMAGE_WIDTHS[0]), width: 96, height: Math.round((96 * a.hero.height) / a.hero.width) } : null,
    country: country ? { label: country.name, href: countryPath(country.slug) } : null,
    sector: sector ? { label: sector.name, href: sectorPath(sector.slug) } : null,
    timeIso: time,
    timeLabel: shortDate(time, editionOf(dir, a).timeZone),
  };
}

export interface ArticleView {
  id: number;
  kind: ArticleKind;
  kindLabel: string;
  headline: string;
  standfirst: string;
  byline: string;
  /** The byline's authors, each linked to their page (a desk is not linked). */
  bylineLinks: { label: string; href: string | null }[];
  datelineCity: string;
  createdIso: string;
  createdLabel: string;
  updatedIso: string | null;
  updatedLabel: string | null;
  hero: ImageView | null;
  countries: LinkView[];
  sectors: LinkView[];
  bodyHtml: string;
  /** "(With inputs from agencies.)" or the agencies by name. */
  sourcesLine: string | null;
  /** How the story was made, when the credit alone does not say it (content/disclosure.ts). */
  aiNote: string | null;
  wordCount: number;
  corrections: { iso: string; label: string; note: string }[];
  /** The feedback form about this story. */
  feedbackHref: string;
}

/** The credit line and the note under a story, as the site settings ask for the credit. */
export function disclosureFor(
  a: Pick<ArticleSummary, 'sources' | 'aiInvolvement' | 'humanEdited' | 'humanReviewed' | 'publishedVia'>,
  dir: Pick<Directory, 'settings'>,
): Disclosure {
  return disclosureOf(factsOf(a), dir.settings.agencyCredit);
}

export function articleViewOf(a: Article, dir: Directory, corrections: { at: string; note: string }[] = []): ArticleView {
  const edition = editionOf(dir, a);
  const created = a.publishedAt ?? a.createdAt;
  // "Updated" appears once the story changed after it went out.
  const updated = a.updatedAt > created ? a.updatedAt : null;
  const disclosure = disclosureFor(a, dir);
  return {
    id: a.id,
    kind: a.kind,
    kindLabel: kindLabels[a.kind],
    headline: a.headline,
    standfirst: a.standfirst,
    byline: bylineNames(a.byline),
    bylineLinks: bylineLinks(a.byline),
    datelineCity: a.datelineCity,
    createdIso: created,
    createdLabel: bylineTime(created, edition),
    updatedIso: updated,
    updatedLabel: updated ? bylineTime(updated, edition) : null,
    hero: a.hero ? imageView(a.hero, '(min-width: 1100px) 720px, 100vw') : null,
    countries: a.countries.flatMap((code) => {
      const c = dir.countryByCode.get(code);
      return c ? [{ label: c.name, href: countryPath(c.slug) }] : [];
    }),
    sectors: a.sectors.flatMap((slug) => {
      const s = dir.sectorBySlug.get(slug);
      return s ? [{ label: s.name, href: sectorPath(s.slug) }] : [];
    }),
    bodyHtml: a.body,
    sourcesLine: disclosure.credit,
    aiNote: disclosure.note,
    wordCount: textOf(a.body).split(' ').filter(Boolean).length,
    corrections: corrections.map((c) => ({ iso: c.at, label: bylineTime(c.at, edition), note: c.note })),
    feedbackHref: feedbackAboutPath(articlePath(a)),
  };
}

const toLinkView = (l: { label: string; url: string }): LinkView => ({ label: l.label, href: l.url });

export function chromeOf(dir: Directory, edition: Edition, now: Date): ChromeView {
  const s = dir.settings;
  const legal = ['disclaimer', 'terms-of-use', 'privacy-policy'];
  return {
    siteName: s.siteName,
    tagline: s.tagline,
    publisherName: s.publisherName,
    contactEmail: s.contactEmail,
    contactPhones: s.contactPhones,
    socialLinks: s.socialLinks.map(toLinkView),
    otherLinks: s.otherLinks.map(toLinkView),
    otherProducts: s.otherProducts.map(toLinkView),
    legalLinks: [
      { label: 'Disclaimer', href: staticPagePath(legal[0]!) },
      { label: 'Terms of use', href: staticPagePath(legal[1]!) },
      { label: 'Privacy policy', href: staticPagePath(legal[2]!) },
    ],
    sections: [
      { label: 'Latest News', href: edition.isDefault ? kindListingPath.news : editionLatestPath(edition.slug) },
      { label: 'Opinion', href: kindListingPath.opinion },
      { label: 'Blog', href: kindListingPath.blog },
      { label: 'Interviews', href: kindListingPath.interview },
      { label: 'Shots', href: kindListingPath.shot },
    ],
    sectors: dir.sectors.map((x) => ({ label: x.name, href: sectorPath(x.slug) })),
    editions: dir.editions.map((e) => ({ label: e.name, href: editionPath(e.slug, e.isDefault), current: e.id === edition.id })),
    countries: [...dir.busiestCountries.map((c) => ({ label: c.name, href: countryPath(c.slug) })), { label: 'All countries', href: countriesPath }],
    today: longDate(now, edition.timeZone),
    todayIso: localDate(now, edition.timeZone),
    lang: edition.locale,
    ogLocale: edition.locale.replace('-', '_'),
    twitterHandle: s.twitterHandle,
    postalAddress: s.postalAddress,
    year: Number(zoneFormatter(edition.timeZone, { year: 'numeric' }, 'en').format(now)),
    editionName: edition.name,
    editionSlug: edition.slug,
    homeHref: editionPath(edition.slug, edition.isDefault),
  };
}
