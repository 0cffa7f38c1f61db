import type { ColumnType, Generated } from 'kysely';

/*
 * The tables as Kysely sees them. Conventions that hold on both databases:
 * - times are ISO-8601 UTC strings in the program (TEXT on SQLite, timestamptz on PostgreSQL,
 *   read back as ISO strings by the driver set-up in db/connect.ts);
 * - booleans are integers 0/1 (SQLite has no boolean type);
 * - lists and objects kept whole are JSON text.
 * Only the domain modules under src/content (and later the other domain folders) touch these.
 */

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

/** Who has a story open in the editor, as of their page's last heartbeat. */
export interface EditorPresenceTable {
  article_id: number;
  user_id: number;
  display_name: string;
  seen_at: string;
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

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
  notify_by_email: ColumnType<number, number | undefined, number>;
}

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

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

export interface ArticleCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  at: string;
  note: string;
  user_id: number | null;
  actor: string;
}

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

/** What the desk is told (content/notifications.ts). */
export interface NotificationsTable {
  id: Generated<number>;
  kind: string;
  audience: string;
  article_id: number | null;
  title: string;
  message: ColumnType<string, string | undefined, string>;
  link: ColumnType<string, string | undefined, string>;
  created_at: string;
  dedupe_key: string | null;
  emailed_at: string | null;
}

export interface NotificationReadsTable {
  notification_id: number;
  user_id: number;
  read_at: string;
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

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  url: string;
  secret: string;
  /** JSON list of event names. */
  events: string;
  active: number;
  description: string;
  created_at: string;
  created_by: number | null;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  event_id: number;
  article_id: number;
  event: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
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

/** Emailed password-reset links (the SHA-256 of each token). Owned by newsroom/password-resets.ts. */
export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

/** Fixed-window request counters for public forms. Owned by content/rate-limits.ts. */
export interface RateLimitsTable {
  key: string;
  window_start: string;
  hits: number;
}

/** Newsletter subscribers, double opt-in. Owned by newsletter/subscribers.ts. */
export interface NewsletterSubscribersTable {
  id: Generated<number>;
  /** Trimmed and lower-cased. */
  email: string;
  /** pending (waiting for the confirmation link), confirmed, unsubscribed or bouncing. */
  status: string;
  /** JSON list of sector slugs. */
  sectors: string;
  created_at: string;
  updated_at: string;
  confirm_requested_at: string | null;
  confirmed_at: string | null;
  /** When the address stopped receiving (unsubscribed or bouncing). */
  left_at: string | null;
  bounce_reason: string | null;
}

export interface NewsletterSubscriberEditionsTable {
  subscriber_id: number;
  edition_id: number;
}

/** One daily digest of one edition. Owned by newsletter/sending.ts. */
export interface NewsletterIssuesTable {
  id: Generated<number>;
  edition_id: number;
  /** The edition's local date, YYYY-MM-DD. */
  issue_date: string;
  subject: string;
  /** JSON snapshot of the stories (newsletter/digest.ts DigestContent). */
  content: string;
  /** sending or done. */
  status: string;
  recipients: number;
  created_at: string;
  finished_at: string | null;
}

/** The send log: one row per (issue, subscriber). Owned by newsletter/sending.ts. */
export interface NewsletterSendsTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  /** pending, sent, failed or skipped (the subscriber left before their turn). */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  last_error: string | null;
}

export interface Database {
  editions: EditionsTable;
  front_pins: FrontPinsTable;
  wire_terms: WireTermsTable;
  dedupe_labels: DedupeLabelsTable;
  sectors: SectorsTable;
  countries: CountriesTable;
  media: MediaTable;
  editor_presence: EditorPresenceTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  authors: AuthorsTable;
  article_sectors: ArticleSectorsTable;
  article_countries: ArticleCountriesTable;
  article_sources: ArticleSourcesTable;
  article_revisions: ArticleRevisionsTable;
  pages: PagesTable;
  settings: SettingsTable;
  users: UsersTable;
  article_views: ArticleViewsTable;
  article_views_daily: ArticleViewsDailyTable;
  read_salts: ReadSaltsTable;
  recent_reads: RecentReadsTable;
  article_search: ArticleSearchTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  article_corrections: ArticleCorrectionsTable;
  wire_items: WireItemsTable;
  inbox_assignments: InboxAssignmentsTable;
  wire_item_bands: WireItemBandsTable;
  wire_sources: WireSourcesTable;
  wire_source_files: WireSourceFilesTable;
  notifications: NotificationsTable;
  notification_reads: NotificationReadsTable;
  publication_events: PublicationEventsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  feedback: FeedbackTable;
  password_resets: PasswordResetsTable;
  rate_limits: RateLimitsTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_subscriber_editions: NewsletterSubscriberEditionsTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_sends: NewsletterSendsTable;
}
