import type { Generated } from 'kysely';

/* Partners' webhooks: the subscriptions and each delivery of a publication event.
 * Part of the schema (db/schema.ts); the conventions there hold. */

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
