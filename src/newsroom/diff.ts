import { diffWords } from 'diff';
import type { Article } from '../content/articles.js';
import { textOf } from '../content/html.js';
import type { WireItem } from '../wire/item.js';

export interface FieldDiff {
  field: string;
  /** Escaped HTML with <ins> and <del> around the changes. */
  html: string;
  changed: boolean;
}

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Words of `after` against `before`, escaped, with <ins> and <del> around the changes. */
export function wordDiff(before: string, after: string): { html: string; changed: boolean } {
  const parts = diffWords(before, after);
  return {
    html: parts.map((p) => (p.added ? `<ins>${escapeHtml(p.value)}</ins>` : p.removed ? `<del>${escapeHtml(p.value)}</del>` : escapeHtml(p.value))).join(''),
    changed: parts.some((p) => p.added || p.removed),
  };
}

const listed = (a: Article) => ({
  Headline: a.headline,
  Standfirst: a.standfirst,
  Body: textOf(a.body),
  'Dateline city': a.datelineCity,
  Byline: 'desk' in a.byline ? a.byline.desk : a.byline.authors.map((x) => x.name).join(', '),
  Countries: a.countries.join(', '),
  Sectors: a.sectors.join(', '),
  Sources: a.sources.map((s) => `${s.agency} ${s.itemId} v${s.version}`).join('; '),
  'Hero image': a.hero ? `#${a.hero.id} ${a.hero.altText}` : '',
  'AI involvement': `${a.aiInvolvement}${a.humanReviewed ? ', reviewed' : ', not reviewed'}${a.humanEdited ? ', edited by the desk' : ''}`,
  Status: a.status,
});

/** A readable word-by-word comparison of two saved versions of an article. */
export function diffArticles(before: Article, after: Article): FieldDiff[] {
  return diffFields(listed(before), listed(after));
}

const listedWire = (w: WireItem) => ({
  Headline: w.headline,
  Standfirst: w.standfirst,
  Body: textOf(w.bodyHtml),
  Byline: w.byline,
  Dateline: [w.datelineCity, w.datelineCountry].filter(Boolean).join(', '),
  Status: w.status,
  Embargo: w.embargo ?? '',
  'Note to editors': w.ednote ?? '',
  Subjects: w.subjects.join(', '),
});

/** The same comparison for two versions of an agency item. */
export function diffWireItems(before: WireItem, after: WireItem): FieldDiff[] {
  return diffFields(listedWire(before), listedWire(after));
}

function diffFields<T extends Record<string, string>>(a: T, b: T): FieldDiff[] {
  return Object.keys(a).map((field) => ({ field, ...wordDiff(a[field]!, b[field]!) }));
}
