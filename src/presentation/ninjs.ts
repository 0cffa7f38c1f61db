import type { AiInvolvement, Article } from '../content/articles.js';
import { textOf } from '../content/html.js';
import { digitalSourceTypes, iptcSourceTypeUri, type DigitalSourceType, type Media } from '../content/media.js';
import type { Directory } from '../content/directory.js';
import { bylineNames, captionFor, disclosureFor, IMAGE_WIDTHS, kindLabels } from './presenters.js';
import { IMAGE_CROPS, absoluteUrl, absolutizeLinks, apiItemPath, articlePath, countryPath, cropPath, imagePath, sectorPath, type ImageCrop } from './urls.js';

/*
 * A story as an IPTC ninjs 2.x news item (https://iptc.org/std/ninjs/), for the items API and
 * for webhook payloads. Only ninjs 2.3 properties are used, so an item validates against the
 * 2.3 schema (which allows no other properties). ninjs has no field for AI involvement: it goes
 * where the standard leaves room, a `digitalsourcetype` (IPTC's vocabulary for how content was
 * made) when AI took part, and always a `trustindicators` entry whose role names the involvement
 * (README, "The items API").
 */

export const NINJS_STANDARD = { name: 'ninjs', version: '2.3', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.3.json' } as const;

/** The role URIs of the AI trust indicators: `urn:wiredesk:ai-involvement:none|assisted|generated`,
 *  and `…:human-reviewed` when a person checked the story. */
export const AI_ROLE_PREFIX = 'urn:wiredesk:ai-involvement:';
/** Trust indicators for what the desk did with agency copy: edited, not-edited, auto-published. */
export const DESK_ROLE_PREFIX = 'urn:wiredesk:desk:';
export const INFOSOURCE_ORIGINATOR = 'http://cv.iptc.org/newscodes/infosourcerole/originfo';

export interface NinjsText {
  value: string;
  role?: string;
  contenttype?: string;
}

export interface NinjsConcept {
  name: string;
  uri?: string;
  literal?: string;
  rel?: string;
}

export interface NinjsRendition {
  name: string;
  href: string;
  contenttype: string;
  width?: number;
  height?: number;
}

export interface NinjsPicture {
  name: string;
  uri: string;
  type: 'picture';
  representationtype: 'full';
  descriptions: NinjsText[];
  by?: string;
  digitalsourcetype: { uri: string; name: string };
  renditions: NinjsRendition[];
}

export interface NinjsItem {
  standard: typeof NINJS_STANDARD;
  uri: string;
  type: 'text';
  representationtype: 'full';
  version: string;
  firstcreated: string;
  versioncreated: string;
  contentcreated: string;
  pubstatus: 'usable' | 'withheld' | 'canceled';
  language: string;
  slugline: string;
  headlines: NinjsText[];
  descriptions: NinjsText[];
  bodies: (NinjsText & { charcount: number; wordcount: number })[];
  by: string;
  located?: string;
  genres: NinjsConcept[];
  subjects: NinjsConcept[];
  places: NinjsConcept[];
  infosources: NinjsConcept[];
  altids: { role: string; value: string }[];
  copyrightholder: string;
  digitalsourcetype?: { uri: string; name: string };
  trustindicators: { role: string; title: string }[];
  renditions: NinjsRendition[];
  associations: NinjsPicture[];
}

/** How AI took part in the text, in IPTC's digital source type vocabulary (none: no entry). */
const textSourceType: Record<AiInvolvement, DigitalSourceType | null> = {
  none: null,
  assisted: 'compositeWithTrainedAlgorithmicMedia',
  generated: 'trainedAlgorithmicMedia',
};

const involvementTitle: Record<AiInvolvement, string> = {
  none: 'Written without AI',
  assisted: 'Written with the help of AI',
  generated: 'Generated with AI',
};

const sourceTypeOf = (type: DigitalSourceType) => ({ uri: iptcSourceTypeUri(type), name: digitalSourceTypes[type] });

/** The story as a ninjs item. A story that is no longer published is `canceled`. */
export function ninjsOf(a: Article, dir: Directory, siteUrl: string): NinjsItem {
  const abs = (p: string) => absoluteUrl(siteUrl, p);
  const uri = abs(apiItemPath(a.id));
  const text = textOf(a.body);
  const { credit, note: disclosure, facts } = disclosureFor(a, dir);
  const aiType = textSourceType[facts.ai];
  const sectors = a.sectors.flatMap((slug) => dir.sectorBySlug.get(slug) ?? []);
  const countries = a.countries.flatMap((code) => dir.countryByCode.get(code) ?? []);
  return {
    standard: NINJS_STANDARD,
    uri,
    type: 'text',
    representationtype: 'full',
    version: String(a.version),
    firstcreated: a.publishedAt ?? a.createdAt,
    versioncreated: a.updatedAt,
    contentcreated: a.createdAt,
    pubstatus: a.status === 'published' ? 'usable' : a.status === 'held' ? 'withheld' : 'canceled',
    language: a.language,
    slugline: a.slug,
    headlines: [{ role: 'main', contenttype: 'text/plain', value: a.headline }],
    descriptions: [
      ...(a.standfirst ? [{ role: 'summary', contenttype: 'text/plain', value: a.standfirst }] : []),
      ...(credit ? [{ role: 'credit', contenttype: 'text/plain', value: credit }] : []),
      ...(disclosure ? [{ role: 'disclosure', contenttype: 'text/plain', value: disclosure }] : []),
    ],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: absolutizeLinks(a.body, siteUrl),
        charcount: text.length,
        wordcount: text ? text.split(' ').length : 0,
      },
    ],
    by: bylineNames(a.byline),
    ...(a.datelineCity ? { located: a.datelineCity } : {}),
    genres: [{ name: kindLabels[a.kind], literal: a.kind }],
    subjects: [
      ...sectors.map((s) => ({ name: s.name, uri: abs(sectorPath(s.slug)), literal: `sector:${s.slug}` })),
      ...countries.map((c) => ({ name: c.name, uri: abs(countryPath(c.slug)), literal: `country:${c.code}` })),
    ],
    places: countries.map((c) => ({ name: c.name, uri: abs(countryPath(c.slug)), literal: c.code })),
    infosources: facts.agencies.map((name) => ({ name, role: INFOSOURCE_ORIGINATOR })),
    altids: a.sources.map((s) => ({ role: `source:${s.agency}`, value: `${s.itemId}@${s.version}` })),
    copyrightholder: dir.settings.publisherName,
    ...(aiType ? { digitalsourcetype: sourceTypeOf(aiType) } : {}),
    trustindicators: [
      { role: `${AI_ROLE_PREFIX}${facts.ai}`, title: involvementTitle[facts.ai] },
      ...(facts.reviewed ? [{ role: `${AI_ROLE_PREFIX}human-reviewed`, title: 'Reviewed by a person before publication' }] : []),
      ...(facts.agencies.length
        ? [
            {
              role: facts.edited ? `${DESK_ROLE_PREFIX}edited` : `${DESK_ROLE_PREFIX}not-edited`,
              title: facts.edited ? 'Agency copy edited by our staff' : 'Agency copy as sent, not edited by our staff',
            },
          ]
        : []),
      ...(facts.autoPublished ? [{ role: `${DESK_ROLE_PREFIX}auto-published`, title: 'Published automatically, with no person involved' }] : []),
    ],
    renditions: [{ name: 'web', href: abs(articlePath(a)), contenttype: 'text/html' }],
    associations: a.hero ? [pictureOf(a.hero, `${uri}#hero`, abs)] : [],
  };
}

function pictureOf(hero: Media, uri: string, abs: (path: string) => string): NinjsPicture {
  const widths = IMAGE_WIDTHS.filter((w) => w <= Math.max(hero.width, IMAGE_WIDTHS[0]));
  const heightAt = (w: number) => Math.round((w * hero.height) / hero.width);
  return {
    name: 'hero',
    uri,
    type: 'picture',
    representationtype: 'full',
    descriptions: [
      { role: 'caption', contenttype: 'text/plain', value: captionFor(hero) },
      { role: 'alternative', contenttype: 'text/plain', value: hero.altText },
    ],
    ...(hero.credit ? { by: hero.credit } : {}),
    digitalsourcetype: sourceTypeOf(hero.digitalSourceType),
    renditions: [
      ...widths.map((w) => ({ name: `w${w}`, href: abs(imagePath(hero.file, w)), contenttype: 'image/webp', width: w, height: heightAt(w) })),
      ...(Object.keys(IMAGE_CROPS) as ImageCrop[]).map((crop) => {
        const [width, height] = IMAGE_CROPS[crop];
        return { name: `crop-${crop}`, href: abs(cropPath(hero, crop)), contenttype: 'image/webp', width, height };
      }),
    ],
  };
}
