import { Csrf, DeskTable, ErrorList, type Option } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The webhooks screen (admins): subscriptions, a form to add one, and recent deliveries. */

export interface WebhookRowModel {
  id: number;
  url: string;
  events: string;
  description: string;
  active: boolean;
  created: string;
}

export interface DeliveryRowModel {
  created: string;
  url: string;
  event: string;
  story: string;
  status: string;
  attempts: string;
  nextRetry: string;
  lastResult: string;
}

export interface WebhooksPageModel {
  subscriptions: WebhookRowModel[];
  deliveries: DeliveryRowModel[];
  events: Option[];
  csrfToken: string;
  errors: string[];
  /** Just added: its secret, shown this once. */
  created: { url: string; secret: string } | null;
}

export function WebhooksPage({ subscriptions, deliveries, events, csrfToken, errors, created }: WebhooksPageModel) {
  return (
    <div>
      <h1>Webhooks</h1>
      <p>
        Each publication, update and withdrawal of a story is sent as a signed POST (IPTC ninjs JSON, Standard Webhooks signature) to the addresses below,
        retried with a doubling wait when the receiver fails.
      </p>
      {created ? (
        <div class="notice" role="status">
          <p>
            Webhook added for <code safe>{created.url}</code>. Its signing secret is shown only this once: copy it into the receiver now.
          </p>
          <p>
            <code safe>{created.secret}</code>
          </p>
        </div>
      ) : (
        ''
      )}
      <ErrorList errors={errors} />
      <DeskTable caption="Subscriptions" headers={['Address', 'Events', 'Note', 'Added', 'State', { unlabelled: 'Disable or enable' }]}>
        {subscriptions.map((s) => (
          <tr>
            <td safe>{s.url}</td>
            <td safe>{s.events}</td>
            <td safe>{s.description}</td>
            <td safe>{s.created}</td>
            <td>{s.active ? 'active' : 'disabled'}</td>
            <td>
              <form method="post" action={deskUrls.webhookActive(s.active ? 'disable' : 'enable')({ id: s.id })} class="inline">
                <Csrf token={csrfToken} />
                <button type="submit">{s.active ? 'Disable' : 'Enable'}</button>
              </form>
            </td>
          </tr>
        ))}
      </DeskTable>
      <h2>Add a webhook</h2>
      <form method="post" action={deskUrls.webhooks()} class="stack">
        <Csrf token={csrfToken} />
        <label for="wh-url">Address (http or https)</label>
        <input id="wh-url" name="url" type="url" required maxlength="2000" />
        <fieldset>
          <legend>Events</legend>
          {events.map((o) => (
            <label class="check">
              <input type="checkbox" name="events" value={o.value} checked /> <span safe>{o.label}</span>
            </label>
          ))}
        </fieldset>
        <label for="wh-note">Note (who receives it)</label>
        <input id="wh-note" name="description" maxlength="200" />
        <button type="submit">Add webhook</button>
      </form>
      <h2>Recent deliveries</h2>
      <DeskTable
        caption="The latest 50 deliveries, newest first"
        headers={['Queued', 'Address', 'Event', 'Story', 'Status', 'Attempts', 'Next retry', 'Last result']}
      >
        {deliveries.map((d) => (
          <tr>
            <td safe>{d.created}</td>
            <td safe>{d.url}</td>
            <td safe>{d.event}</td>
            <td safe>{d.story}</td>
            <td safe>{d.status}</td>
            <td safe>{d.attempts}</td>
            <td safe>{d.nextRetry}</td>
            <td safe>{d.lastResult}</td>
          </tr>
        ))}
      </DeskTable>
    </div>
  );
}
