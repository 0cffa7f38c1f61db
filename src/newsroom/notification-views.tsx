import { Csrf } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The desk's notifications: newest first, unread ones marked, each with its story. */

export interface NotificationRow {
  id: number;
  kind: string;
  title: string;
  message: string;
  when: string;
  iso: string;
  read: boolean;
  href: string | null;
}

export function NotificationsPage({
  rows,
  csrfToken,
  unread,
  byEmail,
  olderHref,
}: {
  rows: NotificationRow[];
  csrfToken: string;
  unread: number;
  byEmail: boolean;
  olderHref: string | null;
}) {
  return (
    <div>
      <h1>Notifications</h1>
      <p>{unread ? `${unread} unread.` : 'Nothing unread.'}</p>
      {unread ? (
        <form method="post" action={deskUrls.notificationsRead()} class="inline">
          <Csrf token={csrfToken} />
          <input type="hidden" name="all" value="1" />
          <button type="submit">Mark all as read</button>
        </form>
      ) : (
        ''
      )}
      <form method="post" action={deskUrls.notificationsEmail()} class="inline">
        <Csrf token={csrfToken} />
        <input type="hidden" name="on" value={byEmail ? '0' : '1'} />
        <button type="submit">{byEmail ? 'Stop sending them to me by email' : 'Send them to me by email too'}</button>
      </form>
      {rows.length === 0 ? <p class="empty">No notifications yet.</p> : ''}
      <ol class="notifications">
        {rows.map((n) => (
          <li class={n.read ? 'read' : 'unread'}>
            <p>
              <strong>{n.read ? '' : 'New: '}</strong>
              {n.href ? (
                <a href={n.href} safe>
                  {n.title}
                </a>
              ) : (
                <span safe>{n.title}</span>
              )}
              {' · '}
              <time datetime={n.iso} safe>
                {n.when}
              </time>
              {' · '}
              <span safe>{n.kind}</span>
            </p>
            {n.message ? <p safe>{n.message}</p> : ''}
            {!n.read ? (
              <form method="post" action={deskUrls.notificationsRead()} class="inline">
                <Csrf token={csrfToken} />
                <input type="hidden" name="id" value={String(n.id)} />
                <button type="submit">Mark as read</button>
              </form>
            ) : (
              ''
            )}
          </li>
        ))}
      </ol>
      <nav class="pager" aria-label="Pages">
        <span />
        {olderHref ? <a href={olderHref}>Older →</a> : <span />}
      </nav>
    </div>
  );
}
