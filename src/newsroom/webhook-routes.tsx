import { recordAudit } from '../content/audit.js';
import { formText as text, formList as list } from '../util/form.js';
import { NotFoundError, ValidationError } from '../content/errors.js';
import { publicationEventTypes, type PublicationEventType } from '../content/publication-events.js';
import type { DB } from '../db/connect.js';
import type { OutboundPolicy } from '../net/address-policy.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { listDeliveries, MAX_ATTEMPTS } from '../webhooks/deliveries.js';
import { answerOf } from '../webhooks/dispatcher.js';
import { addSubscription, listSubscriptions, setSubscriptionActive } from '../webhooks/subscriptions.js';
import type { DeskContext, DeskRoute } from './desk.js';
import { WebhooksPage } from './webhook-views.js';

/** The newsroom's webhooks screen: `/newsroom/webhooks` (admins, `webhooks.manage`). */

const eventLabels: Record<PublicationEventType, string> = {
  publish: 'publish: a story goes out',
  update: 'update: a published story changes',
  unpublish: 'unpublish: a story is taken down',
};


export function webhookDeskRoutes({ db, directory, outbound }: { db: DB; directory: { get(): Promise<Directory> }; outbound: OutboundPolicy }): DeskRoute[] {
  const actor = (ctx: DeskContext) => ({ name: ctx.session!.user.email, userId: ctx.session!.user.id });

  async function page(ctx: DeskContext, options: { errors?: string[]; created?: { url: string; secret: string }; status?: number } = {}) {
    const dir = await directory.get();
    const when = (iso: string | null) => (iso ? bylineTime(iso, dir.defaultEdition) : '');
    const [subscriptions, deliveries] = await Promise.all([listSubscriptions(db), listDeliveries(db, { limit: 50 })]);
    return ctx.render(
      'Webhooks',
      <WebhooksPage
        subscriptions={subscriptions.map((s) => ({
          id: s.id, url: s.url, events: s.events.join(', '), description: s.description, active: s.active, created: when(s.createdAt),
        }))}
        deliveries={deliveries.map((d) => ({
          created: when(d.createdAt),
          url: d.url,
          event: d.event,
          story: `${d.articleId}: ${d.headline ?? '(deleted)'}`,
          status: d.status === 'delivered' ? `delivered ${when(d.deliveredAt)}` : d.status,
          attempts: `${d.attempts} of ${MAX_ATTEMPTS}`,
          nextRetry: d.status === 'pending' ? when(d.nextAttemptAt) : '',
          // A receiver that answered is shown by its status alone (never its body, even one kept
          // by an older version); one that did not, by our reason (time-out, refused, …).
          lastResult: d.lastAttemptAt ? `${when(d.lastAttemptAt)}: ${d.lastStatus !== null ? answerOf(d.lastStatus) : (d.lastError ?? 'no answer')}` : '',
        }))}
        events={publicationEventTypes.map((e) => ({ value: e, label: eventLabels[e] }))}
        csrfToken={ctx.session!.csrfToken}
        errors={options.errors ?? []}
        created={options.created ?? null}
      />,
      options.status,
    );
  }

  const subscriptionId = (ctx: DeskContext) => {
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError('There is no such webhook.');
    return id;
  };

  return [
    {
      method: 'GET',
      url: '/newsroom/webhooks',
      permission: 'webhooks.manage',
      handler: async (ctx) => page(ctx),
    },
    {
      method: 'POST',
      url: '/newsroom/webhooks',
      permission: 'webhooks.manage',
      handler: async (ctx) => {
        try {
          const { subscription, secret } = await addSubscription(
            db,
            { url: text(ctx.form.url).trim(), events: list(ctx.form.events) as PublicationEventType[], description: text(ctx.form.description) },
            ctx.session!.user.id,
            outbound,
          );
          await recordAudit(db, actor(ctx), 'webhook.add', `webhook ${subscription.id}: ${subscription.url}`, subscription.events.join(', '));
          return page(ctx, { created: { url: subscription.url, secret } });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return page(ctx, { errors: error.problems, status: 422 });
        }
      },
    },
    ...(['disable', 'enable'] as const).map(
      (change): DeskRoute => ({
        method: 'POST',
        url: `/newsroom/webhooks/:id/${change}`,
        permission: 'webhooks.manage',
        handler: async (ctx) => {
          const subscription = await setSubscriptionActive(db, subscriptionId(ctx), change === 'enable');
          await recordAudit(db, actor(ctx), `webhook.${change}`, `webhook ${subscription.id}: ${subscription.url}`);
          return ctx.reply.redirect('/newsroom/webhooks', 303);
        },
      }),
    ),
  ];
}
