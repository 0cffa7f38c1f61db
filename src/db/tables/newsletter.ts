import type { Generated } from 'kysely';

/* The daily newsletter: subscribers, the issues sent and the send log.
 * Part of the schema (db/schema.ts); the conventions there hold. */

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
