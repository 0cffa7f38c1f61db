import type {
  EditionsTable,
  SectorsTable,
  CountriesTable,
  MediaTable,
  ArticlesTable,
  ArticleAuthorsTable,
  FrontPinsTable,
  AuthorsTable,
  ArticleSectorsTable,
  ArticleCountriesTable,
  ArticleSourcesTable,
  ArticleRevisionsTable,
  ArticleCorrectionsTable,
  ArticleSearchTable,
  PagesTable,
  SettingsTable,
  PublicationEventsTable,
} from './tables/content.js';
import type {
  UsersTable,
  SessionsTable,
  SignInFailuresTable,
  PasswordResetsTable,
  EditorPresenceTable,
  AuditLogTable,
  NotificationsTable,
  NotificationReadsTable,
} from './tables/newsroom.js';
import type {
  WireItemsTable,
  InboxAssignmentsTable,
  WireTermsTable,
  DedupeLabelsTable,
  WireItemBandsTable,
  WireSourcesTable,
  WireSourceFilesTable,
} from './tables/wire.js';
import type { ArticleViewsTable, ArticleViewsDailyTable, ReadSaltsTable, RecentReadsTable, FeedbackTable, RateLimitsTable } from './tables/audience.js';
import type { NewsletterSubscribersTable, NewsletterSubscriberEditionsTable, NewsletterIssuesTable, NewsletterSendsTable } from './tables/newsletter.js';
import type { WebhookSubscriptionsTable, WebhookDeliveriesTable } from './tables/webhooks.js';

/*
 * The tables as Kysely sees them. Conventions that hold on both databases:
 * - times are ISO-8601 UTC strings in the program (TEXT on SQLite, timestamptz on PostgreSQL,
 *   read back as ISO strings by the driver set-up in db/connect.ts);
 * - booleans are integers 0/1 (SQLite has no boolean type);
 * - lists and objects kept whole are JSON text.
 * The table interfaces are grouped by domain under db/tables/; this module joins them into
 * the one Database type and re-exports them.
 * Only the domain modules under src/content (and later the other domain folders) touch these.
 */

export type {
  EditionsTable,
  SectorsTable,
  CountriesTable,
  MediaTable,
  ArticlesTable,
  ArticleAuthorsTable,
  FrontPinsTable,
  AuthorsTable,
  ArticleSectorsTable,
  ArticleCountriesTable,
  ArticleSourcesTable,
  ArticleRevisionsTable,
  ArticleCorrectionsTable,
  ArticleSearchTable,
  PagesTable,
  SettingsTable,
  PublicationEventsTable,
} from './tables/content.js';
export type {
  UsersTable,
  SessionsTable,
  SignInFailuresTable,
  PasswordResetsTable,
  EditorPresenceTable,
  AuditLogTable,
  NotificationsTable,
  NotificationReadsTable,
} from './tables/newsroom.js';
export type {
  WireItemsTable,
  InboxAssignmentsTable,
  WireTermsTable,
  DedupeLabelsTable,
  WireItemBandsTable,
  WireSourcesTable,
  WireSourceFilesTable,
} from './tables/wire.js';
export type { ArticleViewsTable, ArticleViewsDailyTable, ReadSaltsTable, RecentReadsTable, FeedbackTable, RateLimitsTable } from './tables/audience.js';
export type { NewsletterSubscribersTable, NewsletterSubscriberEditionsTable, NewsletterIssuesTable, NewsletterSendsTable } from './tables/newsletter.js';
export type { WebhookSubscriptionsTable, WebhookDeliveriesTable } from './tables/webhooks.js';

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
