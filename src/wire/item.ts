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
  datelineCountry: z.string().regex(/^[A-Z]{2}$/).nullable(),
  language: z.string().trim().max(20),
  subjects: z.array(z.string().trim().min(1).max(200)).max(100),
  images: z
    .array(z.object({ url: z.string().url().max(2000), caption: z.string().max(2000), credit: z.string().max(300), usageTerms: z.string().max(1000) }))
    .max(50),
  urgency: z.number().int().min(1).max(9).nullable(),
  embargo: z.string().nullable(),
  status: z.enum(['usable', 'withheld', 'canceled']),
});
export type WireItem = z.output<typeof wireItemSchema>;

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

export const asArray = <T>(value: T | T[] | undefined | null): T[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/**
 * Validates and finishes one candidate: bodies sanitised by the newsroom's allow-list, a plain
 * standfirst made from the body when the item has none. Returns the item or the reason.
 */
export function finishItem(candidate: Omit<WireItem, 'standfirst'> & { standfirst?: string }): { item: WireItem } | { reason: string } {
  const bodyHtml = sanitizeBody(candidate.bodyHtml);
  const standfirst = textOf(candidate.standfirst ?? '') || firstSentences(textOf(bodyHtml));
  const parsed = wireItemSchema.safeParse({ ...candidate, bodyHtml, standfirst, headline: textOf(candidate.headline) });
  if (!parsed.success) return { reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ') };
  return { item: parsed.data };
}

function firstSentences(body: string, max = 300): string {
  if (body.length <= max) return body;
  const cut = body.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  return end > 80 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
