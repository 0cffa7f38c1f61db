import type { Article } from '../content/articles.js';
import { iptcSourceTypeUri } from '../content/media.js';
import type { SiteSettings } from '../content/settings.js';
import type { Directory } from '../content/directory.js';
import { disclosureFor, type ArticleView } from './presenters.js';
import { authorSlugOf } from '../util/slug.js';
import { absoluteUrl, articlePath, authorPath, cropPath, iconPath, IMAGE_CROPS, type ImageCrop } from './urls.js';

/** schema.org objects for JSON-LD. */

const schemaTypeOf: Record<Article['kind'], string> = {
  news: 'NewsArticle',
  opinion: 'OpinionNewsArticle',
  blog: 'BlogPosting',
  interview: 'NewsArticle',
  shot: 'NewsArticle',
};

export function organizationJsonLd(settings: SiteSettings, siteUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsMediaOrganization',
    name: settings.siteName,
    url: `${siteUrl}/`,
    // A raster logo, as search engines ask for (site/identity.ts makes it from the logo setting).
    logo: { '@type': 'ImageObject', url: absoluteUrl(siteUrl, iconPath(512)), width: 512, height: 512 },
    ...(settings.contactEmail ? { email: settings.contactEmail } : {}),
    sameAs: settings.socialLinks.map((l) => l.url).filter((u) => u.startsWith('http')),
  };
}

export function websiteJsonLd(settings: SiteSettings, siteUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: settings.siteName,
    url: `${siteUrl}/`,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${siteUrl}/search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

export function breadcrumbJsonLd(items: { name: string; url: string }[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  };
}

export function articleJsonLd(article: Article, view: ArticleView, dir: Directory, siteUrl: string) {
  const abs = (p: string) => absoluteUrl(siteUrl, p);
  const hero = article.hero;
  const authors =
    'desk' in article.byline
      ? [{ '@type': 'Organization', name: article.byline.desk, url: `${siteUrl}/` }]
      : article.byline.authors.map((a) => ({ '@type': 'Person', name: a.name, url: abs(authorPath(authorSlugOf(a.name))) }));
  const disclosure = disclosureFor(article, dir);
  return {
    '@context': 'https://schema.org',
    '@type': schemaTypeOf[article.kind],
    ...(article.kind === 'interview' ? { genre: 'interview' } : {}),
    mainEntityOfPage: { '@type': 'WebPage', '@id': abs(articlePath(article)) },
    headline: article.headline.slice(0, 110),
    description: article.standfirst,
    datePublished: view.createdIso,
    dateModified: article.updatedAt,
    author: authors,
    publisher: organizationJsonLd(dir.settings, siteUrl),
    // The agencies whose copy it is built from, and how it was made (content/disclosure.ts).
    ...(disclosure.facts.agencies.length ? { contributor: disclosure.facts.agencies.map((name) => ({ '@type': 'NewsMediaOrganization', name })) } : {}),
    ...(disclosure.credit ? { creditText: disclosure.credit } : {}),
    ...(disclosure.note ? { backstory: disclosure.note } : {}),
    articleSection: view.sectors.map((s) => s.label),
    inLanguage: article.language,
    ...(article.datelineCity ? { locationCreated: { '@type': 'Place', name: article.datelineCity } } : {}),
    contentLocation: view.countries.map((c) => ({ '@type': 'Country', name: c.label, url: abs(c.href) })),
    about: view.countries.map((c) => ({ '@type': 'Country', name: c.label })),
    ...(hero
      ? {
          // 16:9, 4:3 and 1:1 crops, 1200 px wide, as Google asks for news images.
          image: (Object.keys(IMAGE_CROPS) as ImageCrop[]).map((crop) => ({
            '@type': 'ImageObject',
            url: abs(cropPath(hero, crop)),
            width: IMAGE_CROPS[crop][0],
            height: IMAGE_CROPS[crop][1],
            caption: view.hero?.caption,
            creditText: hero.credit,
            digitalSourceType: iptcSourceTypeUri(hero.digitalSourceType),
          })),
        }
      : {}),
  };
}
