import { z } from 'zod';
import { countUnread, listNotifications, markRead, notificationKinds } from '../content/notifications.js';
import { getUser, setNotifyByEmail } from '../content/users.js';
import { bylineTime } from '../presentation/format.js';
import { idFrom } from '../util/bounds.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskRoute } from './desk.js';
import { list, optionalId, ticked } from './desk-input.js';
import { NotificationsPage } from './notification-views.js';
import { audiencesOf } from './permissions.js';
import { deskUrls, notificationHref } from '../presentation/desk-urls.js';

/** The desk's notifications: `/newsroom/notifications`, for everyone signed in (each sees what their role may act on). */

const PAGE = 50;

export function notificationRoutes({ db }: Desk): DeskRoute[] {
  return [
    get(deskUrls.notifications, 'desk.view', {
      input: { query: z.object({ before: optionalId }) },
      handler: async ({ session, dir }, { query }) => {
        const user = session.user;
        const audiences = audiencesOf(user.role);
        const [rows, unread, me] = await Promise.all([
          listNotifications(db, user.id, audiences, { limit: PAGE, beforeId: query.before ?? undefined }),
          countUnread(db, user.id, audiences),
          getUser(db, user.id),
        ]);
        return page(
          'Notifications',
          <NotificationsPage
            rows={rows.map((n) => ({
              id: n.id,
              kind: notificationKinds[n.kind] ?? n.kind,
              title: n.title,
              message: n.message,
              read: n.read,
              when: bylineTime(n.createdAt, dir.defaultEdition),
              iso: n.createdAt,
              href: notificationHref(n),
            }))}
            csrfToken={session.csrfToken}
            unread={unread}
            byEmail={me?.notifyByEmail ?? false}
            olderHref={rows.length === PAGE ? deskUrls.notifications({ before: rows.at(-1)!.id }) : null}
          />,
        );
      },
    }),
    post(deskUrls.notificationsRead, 'desk.view', {
      input: { form: z.object({ all: ticked, id: list().transform((ids) => ids.map(idFrom).filter((id) => id !== null)) }) },
      handler: async ({ session }, { form }) => {
        await markRead(db, session.user.id, audiencesOf(session.user.role), form.all ? 'all' : form.id);
        return redirect(deskUrls.notifications());
      },
    }),
    post(deskUrls.notificationsEmail, 'desk.view', {
      input: { form: z.object({ on: ticked }) },
      handler: async (ctx, { form }) => {
        await setNotifyByEmail(db, ctx.session.user.id, form.on, actorOf(ctx));
        return redirect(deskUrls.notifications());
      },
    }),
  ];
}
