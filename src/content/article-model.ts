import { z } from 'zod';
import { MAX_ID, rowId } from '../util/bounds.js';
import { fromZod } from './errors.js';
import type { Media } from './media.js';
import { slugSchema } from '../util/slug.js';
import type { IsoTime } from './time.js';

// What an article is: its kinds, states and shape, and what a valid article input is. No
// database here, so anything may import it (content/articles.ts re-exports it).

export const articleKinds = ['news', 'opinion', 'blog', 'interview', 'shot'] as const;
/** held: off the site while the agency withholds the copy (a legal hold); killed: the agency
 *  canceled it, for good; unpublished: the desk took it down. */
export const articleStatuses = ['draft', 'review', 'scheduled', 'published', 'held', 'unpublished', 'killed'] as const;
export const aiInvolvements = ['none', 'assisted', 'generated'] as const;

export type ArticleKind = (typeof articleKinds)[number];
export type ArticleStatus = (typeof articleStatuses)[number];
export type AiInvolvement = (typeof aiInvolvements)[number];

/** Who wrote it: a desk ("News Desk") or named people. */
export type Byline = { desk: string } | { authors: { name: string; userId: number | null }[] };

/** Where the copy came from: an agency's item, at a version. */
export interface ArticleSource {
  agency: string;
  itemId: string;
  version: number;
}

export interface ArticleSummary {
  id: number;
  slug: string;
  kind: ArticleKind;
  status: ArticleStatus;
  headline: string;
  standfirst: string;
  datelineCity: string;
  byline: Byline;
  language: string;
  editionId: number;
  /** ISO 3166-1 alpha-2 codes, main country first. */
  countries: string[];
  /** Sector slugs, main sector first. */
  sectors: string[];
  hero: Media | null;
  sources: ArticleSource[];
  aiInvolvement: AiInvolvement;
  /** A person reviewed the current text before it went out (published or scheduled it from the editor, or edited it live). */
  humanReviewed: boolean;
  /** A person changed the headline, standfirst or body. */
  humanEdited: boolean;
  /** Who sent it out: the desk, or an auto-publish rule; null until first published. */
  publishedVia: 'desk' | 'auto' | null;
  /** The latest agency embargo over its copy. */
  embargoUntil: IsoTime | null;
  /** Why the latest version of some agency copy in it is withheld; null when none is. */
  agencyHold: string | null;
  /** The story a Shot was made from. */
  derivedFrom: number | null;
  /** Why it is held, killed or taken down. */
  statusReason: string;
  version: number;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  publishedAt: IsoTime | null;
  scheduledFor: IsoTime | null;
  createdBy: number | null;
}

export interface Article extends ArticleSummary {
  /** Sanitised HTML. */
  body: string;
}

const bylineSchema = z.union([
  z.object({ desk: z.string().trim().min(1).max(100) }).strict(),
  z
    .object({
      authors: z
        .array(z.object({ name: z.string().trim().min(1).max(100), userId: rowId.nullable().default(null) }))
        .min(1)
        .max(10),
    })
    .strict(),
]);

/** The most agency reports a story credits (its `sources`). The wire desk merges further
 *  reports of the same event without crediting each (src/wire/ingest.ts, `withSource`). */
export const MAX_ARTICLE_SOURCES = 100;

/** What a person (or the wire desk) says an article is. State and the facts derived from what
 *  happened (status, schedule, review, edits, embargo, holds) are not part of it: only the
 *  lifecycle commands set those. */
export const articleInput = z
  .object({
    kind: z.enum(articleKinds),
    headline: z.string().trim().min(1, 'a headline is required').max(300),
    standfirst: z.string().trim().max(1000).default(''),
    body: z.string().max(1_000_000, 'the body is larger than 1 MB').default(''),
    slug: slugSchema(120).optional(),
    datelineCity: z.string().trim().max(100).default(''),
    byline: bylineSchema.default({ desk: 'News Desk' }),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .default('en'),
    /** Edition slug; the default edition when absent. */
    edition: z.string().max(80).optional(),
    countries: z
      .array(z.string().regex(/^[A-Za-z]{2}$/, 'use ISO 3166-1 alpha-2 codes'))
      .max(30)
      .default([]),
    sectors: z.array(z.string().max(80)).max(15).default([]),
    heroMediaId: rowId.nullable().default(null),
    sources: z
      .array(
        z.object({
          agency: z.string().trim().min(1).max(100),
          itemId: z.string().trim().min(1).max(300),
          version: z.number().int().min(1).max(MAX_ID).default(1),
        }),
      )
      .max(MAX_ARTICLE_SOURCES, `a story credits at most ${MAX_ARTICLE_SOURCES} agency reports`)
      .default([]),
    aiInvolvement: z.enum(aiInvolvements).default('none'),
    createdBy: rowId.nullable().default(null),
  })
  .strict();
export type ArticleInput = z.input<typeof articleInput>;
export type ValidArticle = z.output<typeof articleInput>;

export function validateArticle(input: unknown): ValidArticle {
  const parsed = articleInput.safeParse(input);
  if (!parsed.success) throw fromZod('article', parsed.error);
  return parsed.data;
}

/** The input that would recreate an article as it is, for merging a partial change onto it. */
export function inputOf(a: Article): ArticleInput {
  return {
    kind: a.kind,
    headline: a.headline,
    standfirst: a.standfirst,
    body: a.body,
    slug: a.slug,
    datelineCity: a.datelineCity,
    byline: a.byline,
    language: a.language,
    edition: undefined,
    countries: a.countries,
    sectors: a.sectors,
    heroMediaId: a.hero?.id ?? null,
    sources: a.sources,
    aiInvolvement: a.aiInvolvement,
    createdBy: a.createdBy,
  };
}
