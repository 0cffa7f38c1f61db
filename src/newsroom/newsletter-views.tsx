import { Csrf, DeskTable, ErrorList, type Option } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The newsroom's newsletter screens: the digest (schedule, preview, test) and, for admins, subscribers. */

export interface IssueRowModel {
  created: string;
  edition: string;
  issueDate: string;
  subject: string;
  status: string;
  recipients: number;
  sent: number;
  failed: number;
  pending: number;
}

export interface NewsletterPageModel {
  counts: { confirmed: number; pending: number; unsubscribed: number; bouncing: number };
  schedule: { sendTime: string; enabled: boolean; editions: { slug: string; name: string; timeZone: string; time: string }[] } | null;
  editions: Option[];
  issues: IssueRowModel[];
  csrfToken: string;
  errors: string[];
  notice: string | null;
  testAddress: string;
  canManage: boolean;
}

export function NewsletterPage({ model }: { model: NewsletterPageModel }) {
  const c = model.counts;
  return (
    <div>
      <h1>Newsletter</h1>
      <p>
        A daily digest per edition (the day's top stories, Trending, and the stories of the sectors each reader follows), sent to confirmed subscribers at the
        time below in each edition's own time zone.
      </p>
      <ul class="counts">
        <li>
          <strong safe>{String(c.confirmed)}</strong> confirmed
        </li>
        <li>
          <strong safe>{String(c.pending)}</strong> waiting for confirmation
        </li>
        <li>
          <strong safe>{String(c.unsubscribed)}</strong> unsubscribed
        </li>
        <li>
          <strong safe>{String(c.bouncing)}</strong> bouncing
        </li>
      </ul>
      {model.canManage ? (
        <p>
          <a href={deskUrls.subscribers()}>Subscribers</a> (export, deletion on request)
        </p>
      ) : (
        ''
      )}
      {model.notice ? (
        <p class="notice" role="status" safe>
          {model.notice}
        </p>
      ) : (
        ''
      )}
      <ErrorList errors={model.errors} />
      {model.schedule ? (
        <>
          <h2>When the digest goes out</h2>
          <form method="post" action={deskUrls.newsletterSchedule()} class="stack narrow">
            <Csrf token={model.csrfToken} />
            <label for="nl-time">Time of day, in each edition's time zone (24-hour HH:MM)</label>
            <input id="nl-time" name="sendTime" type="time" required value={model.schedule.sendTime} />
            <fieldset>
              <legend>An edition’s own time (empty: the time above)</legend>
              {model.schedule.editions.map((e) => (
                <>
                  <label for={`nl-time-${e.slug}`} safe>{`${e.name} (${e.timeZone})`}</label>
                  <input id={`nl-time-${e.slug}`} name={`time-${e.slug}`} type="time" value={e.time} />
                </>
              ))}
            </fieldset>
            <label class="check">
              <input type="checkbox" name="enabled" value="1" checked={model.schedule.enabled} /> Send daily digests
            </label>
            <button type="submit">Save</button>
          </form>
        </>
      ) : (
        ''
      )}
      <h2>Preview and test</h2>
      <p>The preview shows the digest as it would go out now, with every sector's block (a reader sees only the sectors they chose).</p>
      <ul class="links">
        {model.editions.map((e) => (
          <li>
            <span safe>{e.label}</span>: <a href={deskUrls.newsletterPreview({ edition: e.value })}>HTML</a>
            {' · '}
            <a href={deskUrls.newsletterPreviewText({ edition: e.value })}>plain text</a>
          </li>
        ))}
      </ul>
      <form method="post" action={deskUrls.newsletterTest()} class="stack narrow">
        <Csrf token={model.csrfToken} />
        <label for="nl-test-edition">
          Send a test of this edition's digest to {''}
          <span safe>{model.testAddress}</span>
        </label>
        <select id="nl-test-edition" name="edition">
          {model.editions.map((e) => (
            <option value={e.value} safe>
              {e.label}
            </option>
          ))}
        </select>
        <button type="submit">Send test</button>
      </form>
      <h2>Recent issues</h2>
      <DeskTable
        caption="The latest 20 issues, newest first"
        headers={['Made', 'Edition', 'Day', 'Subject', 'Status', 'Recipients', 'Sent', 'Failed', 'Waiting']}
      >
        {model.issues.map((i) => (
          <tr>
            <td safe>{i.created}</td>
            <td safe>{i.edition}</td>
            <td safe>{i.issueDate}</td>
            <td safe>{i.subject}</td>
            <td safe>{i.status}</td>
            <td safe>{String(i.recipients)}</td>
            <td safe>{String(i.sent)}</td>
            <td safe>{String(i.failed)}</td>
            <td safe>{String(i.pending)}</td>
          </tr>
        ))}
      </DeskTable>
    </div>
  );
}

export interface SubscriberRowModel {
  id: number;
  email: string;
  status: string;
  editions: string;
  sectors: string;
  created: string;
  confirmed: string;
  note: string;
}

export interface SubscribersPageModel {
  rows: SubscriberRowModel[];
  filters: { status: string; q: string };
  statuses: Option[];
  olderHref: string | null;
  csrfToken: string;
  notice: string | null;
}

export function SubscribersPage({ model }: { model: SubscribersPageModel }) {
  return (
    <div>
      <h1>Newsletter subscribers</h1>
      <p>
        <a href={deskUrls.subscribersCsv()}>Export all as CSV</a>. Deleting a subscriber removes the address, its choices and its send log for good (a request
        to erase); to stop mail only, they unsubscribe from any digest.
      </p>
      {model.notice ? (
        <p class="notice" role="status" safe>
          {model.notice}
        </p>
      ) : (
        ''
      )}
      <form method="get" action={deskUrls.subscribers()} class="filters">
        <label for="sub-q">Address contains</label>
        <input id="sub-q" name="q" value={model.filters.q} maxlength="254" />
        <label for="sub-status">Status</label>
        <select id="sub-status" name="status">
          <option value="">any</option>
          {model.statuses.map((s) => (
            <option value={s.value} selected={s.value === model.filters.status} safe>
              {s.label}
            </option>
          ))}
        </select>
        <button type="submit">Show</button>
      </form>
      <DeskTable
        caption="Subscribers, newest first"
        headers={['Address', 'Status', 'Editions', 'Sectors', 'Signed up', 'Confirmed', 'Note', { unlabelled: 'Delete' }]}
      >
        {model.rows.map((r) => (
          <tr>
            <td safe>{r.email}</td>
            <td safe>{r.status}</td>
            <td safe>{r.editions}</td>
            <td safe>{r.sectors}</td>
            <td safe>{r.created}</td>
            <td safe>{r.confirmed}</td>
            <td safe>{r.note}</td>
            <td>
              <form method="post" action={deskUrls.deleteSubscriber({ id: r.id })} class="inline">
                <Csrf token={model.csrfToken} />
                <button type="submit" aria-label={`Delete ${r.email}`}>
                  Delete
                </button>
              </form>
            </td>
          </tr>
        ))}
      </DeskTable>
      {model.olderHref ? (
        <p>
          <a href={model.olderHref}>Older subscribers</a>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}
