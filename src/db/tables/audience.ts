import type { ColumnType, Generated } from 'kysely';

/* Readers: the reads counted per story, what keeps them anonymous and counted once, their
 * messages, and the limits on the public forms.
 * Part of the schema (db/schema.ts); the conventions there hold. */

export interface ArticleViewsTable {
  article_id: number;
  /** Start of the hour, UTC. */
  hour: string;
  views: number;
}

/** Reads of hours older than 72 h, rolled up by UTC day (audience/rollup.ts). */
export interface ArticleViewsDailyTable {
  article_id: number;
  /** The UTC day, "YYYY-MM-DD". */
  day: string;
  views: number;
}

/** The salt of a UTC day ("2026-11-29") that visitors are hashed with, base64; kept two days at
 *  most (audience/read-memory.ts). */
export interface ReadSaltsTable {
  day: string;
  salt: string;
  created_at: string;
}

/** A (visitor hash, article) pair counted in the last 30 minutes: not counted again before
 *  expires_at. Rows are purged once expired. */
export interface RecentReadsTable {
  visitor: string;
  article_id: number;
  counted_at: string;
  expires_at: string;
}

/** Readers' messages from the feedback form. Owned by audience/feedback.ts. */
export interface FeedbackTable {
  id: Generated<number>;
  name: string;
  email: string;
  message: string;
  from_path: string | null;
  /** unread, read or archived. */
  status: ColumnType<string, string | undefined, string>;
  created_at: string;
  read_at: string | null;
  archived_at: string | null;
}

/** Fixed-window request counters for public forms. Owned by content/rate-limits.ts. */
export interface RateLimitsTable {
  key: string;
  window_start: string;
  hits: number;
}
