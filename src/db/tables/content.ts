import type { ColumnType, Generated } from 'kysely';

/* The published record: editions, sectors and countries, articles with their links, revisions
 * and corrections, media, authors, front pins, pages, settings, the search index and the
 * publication outbox.
 * Part of the schema (db/schema.ts); the conventions there hold. */

export interface EditionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  time_zone: string;
  locale: string;
  tz_abbreviation: string;
  tz_abbreviation_dst: string | null;
  is_default: number;
  position: number;
}

export interface SectorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
  /** One keyword or phrase per line; empty means the defaults for the slug (wire/sector-keywords.ts). */
  keywords: ColumnType<string, string | undefined, string>;
}

export interface CountriesTable {
  code: string;
  slug: string;
  name: string;
  official_name: string;
  demonym: string;
  capitals: string;
  alt_names: string;
  region: string;
  subregion: string;
  edition_id: number | null;
}

export interface MediaTable {
  id: Generated<number>;
  file: string;
  mime_type: string;
  width: number;
  height: number;
  alt_text: string;
  caption: string;
  credit: string;
  digital_source_type: string;
  created_at: string;
  /** The focal point, 0–1 from the left and from the top; null when none was set. */
  focal_x: ColumnType<number | null, number | null | undefined, number | null>;
  focal_y: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  kind: string;
  status: string;
  headline: string;
  standfirst: string;
  body: string;
  dateline_city: string;
  byline_desk: string | null;
  language: string;
  edition_id: number;
  hero_media_id: number | null;
  ai_involvement: string;
  human_reviewed: number;
  version: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  scheduled_for: string | null;
  created_by: number | null;
  /** The latest agency embargo over the story's copy (content/lifecycle.ts guards it). */
  embargo_until: string | null;
  /** Why the latest agency version of some copy in the story is withheld; null when none is. */
  agency_hold: string | null;
  /** 1 once a person changed the headline, standfirst or body. */
  human_edited: number;
  /** 'desk' or 'auto' (an auto-publish rule); null until first published. */
  published_via: string | null;
  /** The story a Shot was made from. */
  derived_from: number | null;
  /** Why the story is held, killed or taken down. */
  status_reason: string;
}

export interface ArticleAuthorsTable {
  article_id: number;
  position: number;
  name: string;
  user_id: number | null;
  /** authorSlugOf(name): the author's page (/author/<slug>). */
  author_slug: string;
  /** The story's published_at while it is published (else null), like the sector and country links. */
  listed_at: string | null;
}

/** Stories the desk pinned to a place on an edition's front, until a time (content/front-pins.ts). */
export interface FrontPinsTable {
  edition_id: number;
  /** 0: the lead; 1…: the top stories in order. */
  position: number;
  article_id: number;
  expires_at: string;
  pinned_by: string;
  pinned_at: string;
}

/** Author profiles (content/authors.ts). */
export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  photo_media_id: number | null;
  links: string;
  user_id: number | null;
  created_at: string;
  updated_at: string;
}

/** `listed_at` copies the article's published_at while it is published (else null) so that
 *  sector and country listings are one index range scan. */
export interface ArticleSectorsTable {
  article_id: number;
  sector_id: number;
  position: number;
  listed_at: string | null;
}

export interface ArticleCountriesTable {
  article_id: number;
  country_code: string;
  position: number;
  listed_at: string | null;
}

export interface ArticleSourcesTable {
  id: Generated<number>;
  article_id: number;
  agency: string;
  item_id: string;
  item_version: number;
  position: number;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  article_version: number;
  created_at: string;
  user_id: number | null;
  actor: string;
  summary: string;
  snapshot: string;
}

export interface ArticleCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  at: string;
  note: string;
  user_id: number | null;
  actor: string;
}

/** On SQLite an FTS5 table keyed by rowid (= article id); on PostgreSQL a table with a
 *  generated tsvector. Both are written and read only by content/search.ts. */
export interface ArticleSearchTable {
  article_id: number;
  rowid: number;
  headline: string;
  standfirst: string;
  body: string;
  /** The story's filing as tokens, for filtered searches (content/search-index.ts): text on SQLite, a tsvector on PostgreSQL. */
  tags: string;
  /** PostgreSQL only: the story's publication time while it is published, else null. */
  published_at: string | null;
}

export interface PagesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  body: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

/** The publication outbox: one row per publish, update or unpublish of a story, written in the
 *  article's transaction with the story as it then was (JSON). Owned by content/publication-events.ts. */
export interface PublicationEventsTable {
  id: Generated<number>;
  article_id: number;
  article_version: number;
  event: string;
  occurred_at: string;
  snapshot: string;
  /** When the webhook dispatcher fanned it out to the subscriptions; null until then. */
  dispatched_at: string | null;
}
