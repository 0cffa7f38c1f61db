import { textOf } from '../content/html.js';
import type { WireItem } from './item.js';

/** The text a story takes from an agency item: its lead without the dateline, its standfirst. */

/** The first paragraph of the body, or the standfirst when the body has none. */
export function leadOf(item: Pick<WireItem, 'bodyHtml' | 'standfirst'>): string {
  const first = /<p\b[^>]*>([\s\S]*?)<\/p>/i.exec(item.bodyHtml);
  const lead = first ? textOf(first[1]!) : (textOf(item.bodyHtml).split(/\n/)[0] ?? '');
  return withoutDateline(lead.trim()) || item.standfirst;
}

const DATELINE = new RegExp(
  [
    String.raw`^(?<place>[\p{Lu}][\p{L}.'’-]*(?: [\p{L}.'’-]+){0,3})`, // LIMA · New Delhi · KINSHASA
    String.raw`(?:,\s*(?<region>\p{Lu}[\p{L}.'’-]*(?: [\p{L}.'’-]+){0,2}))?`, // , Peru · , Sri Lanka
    String.raw`(?<date>,?\s*(?:\d{1,2}\s+\p{L}{3,9}\.?|\p{L}{3,9}\.?\s+\d{1,2})(?:,?\s+\d{4})?)?`, // Nov 3 · 3 November · Nov. 3, 2026
    String.raw`(?<tag>\s*(?:\([^()]{1,40}\)|\/[^/\s]{1,20}\/))?`, // (AWS) · /QNW/
    String.raw`\s*(?:--|[–—:-])\s+`,
  ].join(''),
  'u',
);

/**
 * "NAIROBI, Nov 2 (MNA) – Kenya's…", "Kinshasa, 3 November — …", "NEW DELHI: …" → the story
 * without its dateline: it says where the copy was filed, and would otherwise open summaries and
 * make two unrelated stories from one agency and city look alike. Only a prefix that is clearly
 * a dateline goes: a place in capitals, or one followed by a date or an agency tag.
 */
export function withoutDateline(lead: string): string {
  const m = DATELINE.exec(lead);
  if (!m?.groups) return lead;
  const { place = '', date, tag } = m.groups;
  const capitals = /^[\p{Lu} .'’-]{3,}$/u.test(place) && /\p{Lu}{2}/u.test(place);
  return capitals || date || tag ? lead.slice(m[0].length) : lead;
}

const validLanguage = (language: string) => (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) ? language : 'en');

/** The story text an agency item provides: its headline and body, and its own description as
 *  the standfirst when it has one (else the machine summary). */
export function storyText(item: WireItem, summary: string): { headline: string; standfirst: string; body: string; datelineCity: string; language: string } {
  return {
    headline: item.headline.slice(0, 300),
    standfirst: (withoutDateline(item.standfirst) || summary).slice(0, 1000),
    body: item.bodyHtml,
    datelineCity: item.datelineCity,
    language: validLanguage(item.language),
  };
}
