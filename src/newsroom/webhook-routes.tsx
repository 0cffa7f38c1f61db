import { z } from 'zod';
import { publicationEventTypes, type PublicationEventType } from '../content/publication-events.js';
import { bylineTime } from '../presentation/format.js';
import { listDeliveries, MAX_ATTEMPTS } from '../webhooks/deliveries.js';
import { answerOf } from '../webhooks/dispatcher.js';
import { addSubscription, listSubscriptions, setSubscriptionActive } from '../webhooks/subscriptions.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { idParams, list, text } from './desk-input.js';
import { deskUrls } from '../presentation/desk-urls.js';
import { WebhooksPage } from './webhook-views.js';

/** The newsroom's webhooks screen: `/newsroom/webhooks` (admins, `webhooks.manage`). */

const eventLabels: Record<PublicationEventType, string> = {
  publish: 'publish: a story goes out',
  update: 'update: a published story changes',
  unpublish: 'unpublish: a story is taken down',
};

const subscriptionFields = z.object({
  url: text().transform((u) => u.trim()),
  events: list().transform((e) => e as PublicationEventType[]),
  description: text(),
});

export function webhookRoutes({ db, config }: Desk): DeskRoute[] {
  async function webhooksPage(ctx: DeskContext, options: { errors?: string[]; created?: { url: string; secret: string } } = {}) {
    const when = (iso: string | null) => (iso ? bylineTime(iso, ctx.dir.defaultEdition) : '');
    const [subscriptions, deliveries] = await Promise.all([listSubscriptions(db), listDeliveries(db, { limit: 50 })]);
    return page(
      'Webhooks',
      <WebhooksPage
        subscriptions={subscriptions.map((s) => ({
          id: s.id,
          url: s.url,
          events: s.events.join(', '),
          description: s.description,
          active: s.active,
          created: when(s.createdAt),
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
        csrfToken={ctx.session.csrfToken}
        errors={options.errors ?? []}
        created={options.created ?? null}
      />,
    );
  }

  const activity = (change: 'disable' | 'enable'): DeskRoute =>
    post(deskUrls.webhookActive(change), 'webhooks.manage', {
      input: { params: idParams },
      handler: async (ctx, { params }) => {
        await setSubscriptionActive(db, params.id, change === 'enable', actorOf(ctx));
        return redirect(deskUrls.webhooks());
      },
    });

  return [
    get(deskUrls.webhooks, 'webhooks.manage', { handler: async (ctx) => webhooksPage(ctx) }),
    post(deskUrls.webhooks, 'webhooks.manage', {
      input: { form: subscriptionFields },
      handler: async (ctx, { form }) => {
        const { subscription, secret } = await addSubscription(db, form, actorOf(ctx), config.outbound);
        // The secret is shown once, here.
        return webhooksPage(ctx, { created: { url: subscription.url, secret } });
      },
      refused: async (ctx, { problems }) => webhooksPage(ctx, { errors: problems }),
    }),
    activity('disable'),
    activity('enable'),
  ];
}
