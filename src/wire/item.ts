import { z } from 'zod';
import { sanitizeBody, textOf } from '../content/html.js';

/** One agency item, whatever format it came in: what the wire desk works from. */
export const wireItemSchema = z.object({
  agency: z.string().trim().min(1).max(100),
  itemId: z.string().trim().min(1).max(300),
  version: z.number().int().min(1).max(1_000_000),
  versionTime: z.string(),
  headline: z.string().trim().min(1, 'the item has no headline').max(500),
  standfirst: z.string().trim().max(2000),
  bodyHtml: z.string().max(2_000_000),
  byline: z.string().trim().max(300),
  datelineCity: z.string().trim().max(100),
  datelineCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  language: z.string().trim().max(20),
  subjects: z.array(z.string().trim().min(1).max(200)).max(100),
  images: z
    .array(z.object({ url: z.string().url().max(2000), caption: z.string().max(2000), credit: z.string().max(300), usageTerms: z.string().max(1000) }))
    .max(50),
  urgency: z.number().int().min(1).max(9).nullable(),
  embargo: z.string().nullable(),
  status: z.enum(['usable', 'withheld', 'canceled']),
  /** The agency's note to editors ("withheld pending a legal review"), never part of the story. */
  ednote: z.string().trim().max(2000).default(''),
});
export type WireItem = z.output<typeof wireItemSchema>;
/** What a parser hands over: the schema's input (ednote may be absent). */
export type WireCandidate = Omit<z.input<typeof wireItemSchema>, 'standfirst'> & { standfirst?: string };

/** A parsed file or feed: the items that passed, and why each other one did not. */
export interface ParseResult {
  format: WireFormat;
  items: WireItem[];
  rejected: { index: number; itemId: string | null; reason: string }[];
}

export type WireFormat = 'rss' | 'atom' | 'jsonfeed' | 'ninjs' | 'newsml-g2';

/** Input that cannot be read at all (not a single item can be taken from it). */
export class WireFormatError extends Error {
  override name = 'WireFormatError';
}

/** A time in any common feed format, as ISO UTC; null when there is none or it is nonsense. */
export function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const t = Date.parse(String(value).trim());
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Text of a parsed XML node: a string, a {#text} object, or nothing. */
export function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node).trim();
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'object' && '#text' in node) return text((node as Record<string, unknown>)['#text']);
  return '';
}

const PERSON_OR_DESK = /\b(desk|bureau|correspondents?|reporters?|staff|editors?|writers?|photographers?|contributors?|team|by)\b/i;
const ORGANISATION =
  /\b(agenc(?:y|ies)|news\w*|\w*wire|press\w*|services?|media|network|syndicate|dispatch|reports?|bulletin|gazette|journal|herald|tribune|daily|chronicle|courier|observer|times|post|radio|television|tv|broadcast\w*|agence|agencia|agenzia|presse|prensa)\b/i;

/**
 * Whether an author field names an organisation (an agency) rather than a person or a desk:
 * "Andes Wire Service" and "AFP" do; "Field Reporter", "Nairobi bureau" and "Jane Doe" do not.
 * Feeds put bylines in their author fields far more often than agencies, so an author counts
 * as the credited agency only when it reads like one.
 */
export function looksLikeOrganisation(name: string): boolean {
  const n = name.trim();
  if (!n || PERSON_OR_DESK.test(n)) return false;
  return ORGANISATION.test(n) || /^[A-Z]{2,6}$/.test(n);
}

/**
 * The content of an element kept raw (a parser stop node) as the text it carries: CDATA
 * sections as they are, everything else with the XML entities decoded (the five predefined
 * ones and numeric references; a DOCTYPE, so any other entity, was refused before parsing).
 */
export function rawXmlText(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXmlEntities(part)))
    .join('')
    .trim();
}

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (whole, e: string) => {
    if (e[0] !== '#') return namedEntities[e.toLowerCase()] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
  });
}

/** Plain text as body HTML: a paragraph per blank-line-separated block, escaped. */
export function plainTextToHtml(text: string): string {
  return text
    .split(/\n\s*\n|\r\n\s*\r\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');
}

/**
 * A text construct or content element in any of its forms, as HTML: `xhtml` (markup inside a
 * wrapping div), `html` (escaped or CDATA markup), a text type (plain text, escaped here), or a
 * MIME type of either kind. `raw` is the element's raw inner XML.
 */
export function contentAsHtml(raw: string, type: string | undefined): string {
  const kind = (type ?? '').trim().toLowerCase();
  if (kind === 'xhtml' || kind === 'application/xhtml+xml') {
    // XHTML markup is HTML already (its entities included); only CDATA sections need escaping.
    const inner = raw
      .trim()
      .replace(/^<div\b[^>]*>([\s\S]*)<\/div>$/i, '$1')
      .replace(/<(\/?)[a-z0-9]+:/gi, '<$1');
    return inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).trim();
  }
  if (kind === 'html' || kind === 'text/html' || kind === '') {
    const text = rawXmlText(raw);
    // No type at all: Atom says text, but feeds often leave the type off their HTML.
    return kind === '' && !/<\/?[a-z][\s\S]*?>/i.test(text) ? plainTextToHtml(text) : text;
  }
  return plainTextToHtml(rawXmlText(raw));
}

export const asArray = <T>(value: T | T[] | undefined | null): T[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/**
 * Validates and finishes one candidate: bodies sanitised by the newsroom's allow-list, a plain
 * standfirst only when the agency wrote one. Returns the item or the reason.
 */
export function finishItem(candidate: WireCandidate): { item: WireItem } | { reason: string } {
  const bodyHtml = sanitizeBody(candidate.bodyHtml);
  // The agency's own standfirst, or none: the desk's summariser writes one from the body.
  const standfirst = textOf(candidate.standfirst ?? '');
  const parsed = wireItemSchema.safeParse({ ...candidate, bodyHtml, standfirst, headline: textOf(candidate.headline) });
  if (!parsed.success) return { reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ') };
  return { item: parsed.data };
}
