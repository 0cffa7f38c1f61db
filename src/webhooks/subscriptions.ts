import type { Selectable } from 'kysely';
import { z } from 'zod';
import { recordAudit, type Actor } from '../content/audit.js';
import { NotFoundError, ValidationError, fromZod } from '../content/errors.js';
import { publicationEventTypes, type PublicationEventType } from '../content/publication-events.js';
import { nowIso } from '../content/time.js';
import { inTransaction, type DB } from '../db/connect.js';
import type { WebhookSubscriptionsTable } from '../db/schema.js';
import { destinationProblem, STRICT_POLICY, type OutboundPolicy } from '../net/address-policy.js';
import { newSecret } from './signing.js';

/** Where stories go out to: a URL, the events it wants, and the secret its deliveries are signed with. */
export interface WebhookSubscription {
  id: number;
  url: string;
  events: PublicationEventType[];
  active: boolean;
  description: string;
  createdAt: string;
  createdBy: number | null;
}

export const subscriptionInput = z.object({
  url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' }).max(2000, 'at most 2,000 characters'),
  events: z
    .array(z.enum(publicationEventTypes))
    .min(1, 'choose at least one event')
    .default([...publicationEventTypes]),
  description: z.string().trim().max(200).default(''),
});
export type SubscriptionInput = z.input<typeof subscriptionInput>;

const toSubscription = (r: Selectable<WebhookSubscriptionsTable>): WebhookSubscription => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events) as PublicationEventType[],
  active: r.active === 1,
  description: r.description,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** Adds a subscription with a new random secret, audited. The secret is returned this once: show
 *  it to the person who asked, who configures the receiver with it. The address must be public,
 *  or named by `outbound` (OUTBOUND_ALLOW): deliveries to others are refused when sent anyway. */
export async function addSubscription(
  db: DB,
  input: SubscriptionInput,
  actor: Actor,
  outbound: OutboundPolicy = STRICT_POLICY,
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const parsed = subscriptionInput.safeParse(input);
  if (!parsed.success) throw fromZod('webhook', parsed.error);
  const s = parsed.data;
  const problem = await destinationProblem(s.url, outbound);
  if (problem) throw new ValidationError(`url: ${problem}; webhooks go to public addresses only (OUTBOUND_ALLOW can name one on your own network)`);
  const secret = newSecret();
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('webhook_subscriptions')
      .values({
        url: s.url,
        secret,
        events: JSON.stringify(publicationEventTypes.filter((e) => s.events.includes(e))),
        active: 1,
        description: s.description,
        created_at: nowIso(),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const subscription = toSubscription(row);
    await recordAudit(trx, actor, 'webhook.add', subjectOf(subscription), subscription.events.join(', '));
    return { subscription, secret };
  });
}

/** How the audit log names a subscription. */
const subjectOf = (s: Pick<WebhookSubscription, 'id' | 'url'>) => `webhook ${s.id}: ${s.url}`;

export async function listSubscriptions(db: DB): Promise<WebhookSubscription[]> {
  return (await db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute()).map(toSubscription);
}

/** Switches a subscription on or off, audited. Off, nothing new is queued for it and what is queued waits. */
export async function setSubscriptionActive(db: DB, id: number, active: boolean, actor: Actor): Promise<WebhookSubscription> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('webhook_subscriptions')
      .set({ active: active ? 1 : 0 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`No webhook with id ${id}`);
    const subscription = toSubscription(row);
    await recordAudit(trx, actor, active ? 'webhook.enable' : 'webhook.disable', subjectOf(subscription));
    return subscription;
  });
}
