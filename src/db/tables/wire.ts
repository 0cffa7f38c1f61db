import type { ColumnType, Generated } from 'kysely';

/* Agency copy: the items and their versions, where they come from, and what duplicate detection
 * and the inbox keep about them.
 * Part of the schema (db/schema.ts); the conventions there hold. */

export interface WireItemsTable {
  id: Generated<number>;
  agency: string;
  item_id: string;
  version: number;
  version_time: string;
  status: string;
  headline: string;
  payload: string;
  source: string;
  received_at: string;
  article_id: number | null;
  /** 'primary': the item the story's text comes from; 'duplicate': merged into another item's story. */
  role: ColumnType<string, string | undefined, string>;
  /** JSON: what duplicate detection compares (see wire/dedupe.ts). */
  fingerprint: string | null;
  countries: ColumnType<string, string | undefined, string>;
  sectors: ColumnType<string, string | undefined, string>;
  summary: ColumnType<string, string | undefined, string>;
  shot_text: ColumnType<string, string | undefined, string>;
  /** Why an item from an auto-publish source was sent to the inbox instead. */
  held_reason: string | null;
  discarded: ColumnType<number, number | undefined, number>;
  /** The agency's note to editors (ninjs ednote, NewsML-G2 edNote). */
  ednote: ColumnType<string, string | undefined, string>;
  embargo: ColumnType<string | null, string | null | undefined, string | null>;
  /** A newer version of a story's main item: 'applied', 'pending' (the desk edited the story) or 'declined'. */
  text_state: ColumnType<string | null, string | null | undefined, string | null>;
  /** A merged report: why (the score and the names and figures the two share). */
  merge_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** IPTC urgency, 1 (most urgent) … 9, when the agency gave one. */
  urgency: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Who a story in the inbox is assigned to (wire/triage.ts). */
export interface InboxAssignmentsTable {
  article_id: number;
  user_id: number;
  assigned_by: string;
  assigned_at: string;
}

/** Document frequencies of terms over stored wire items (wire/term-stats.ts); '' counts the items. */
export interface WireTermsTable {
  term: string;
  documents: number;
}

/** The desk's corrections of duplicate detection (wire/desk-merges.ts), for fit:dedupe. */
export interface DedupeLabelsTable {
  id: Generated<number>;
  a_wire_item_id: number;
  b_wire_item_id: number;
  /** 1: the desk merged them (one event); 0: the desk split them (two). */
  same_event: number;
  /** JSON: the scorer's PairFeatures for the pair when the desk decided. */
  features: string;
  decided_by: string;
  user_id: number | null;
  decided_at: string;
}

/** MinHash LSH bands of each wire item (wire/dedupe.ts): near-duplicates share a band. */
export interface WireItemBandsTable {
  band_key: number;
  wire_item_id: number;
  version_time: string;
  /** Whole days since 1970-01-01 (UTC) of version_time: the index leads with it. */
  version_day: ColumnType<number, number | undefined, number>;
}

export interface WireSourcesTable {
  id: Generated<number>;
  name: string;
  agency: string;
  url: string | null;
  poll_seconds: number;
  folder: string | null;
  edition: string | null;
  sectors: string;
  rule: string;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  items_total: number;
  created_at: string;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: string | null;
  failures: number;
  enabled: ColumnType<number, number | undefined, number>;
}

/** One file a drop-folder source took, with what became of its items. Owned by wire/drop-folder.ts. */
export interface WireSourceFilesTable {
  id: Generated<number>;
  source_id: number;
  file: string;
  processed_at: string;
  outcome: string;
  counts: string;
  problems: ColumnType<string, string | undefined, string>;
}
