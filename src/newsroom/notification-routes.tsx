import { countUnread, listNotifications, markRead, notificationKinds } from '../content/notifications.js';
import { getUser, setNotifyByEmail, type UserRole } from '../content/users.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { formList as list, formText as text } from '../util/form.js';
import { idFrom } from '../util/bounds.js';
import { actorOf, type DeskRoute } from './desk.js';
import { NotificationsPage } from './notification-views.js';
import { can, permissionTable, type Permission } from './permissions.js';

/** The desk's notifications: `/newsroom/notifications`, for everyone signed in (each sees what their role may act on). */

/** The audiences (permissions) whose notifications a role sees. */
export const audiencesOf = (role: UserRole): Permission[] => (Object.keys(permissionTable) as Permission[]).filter((p) => can(role, p));

/** Where a notification leads in the newsroom. */
export const notificationHref = (n: { kind: string; articleId: number | null }) =>
  n.articleId ? `/newsroom/articles/${n.articleId}` : n.kind === 'source-failing' ? '/newsroom/sources' : null;

export function notificationDeskRoutes({ db, directory }: { db: DB; directory: { get(): Promise<Directory> } }): DeskRoute[] {
  return [
    {
      method: 'GET',
      url: '/newsroom/notifications',
      permission: 'desk.view',
      handler: async (ctx) => {
        const user = ctx.session!.user;
        const audiences = audiencesOf(user.role);
        const beforeId = idFrom(ctx.query.before) ?? undefined;
        const [rows, unread, me, dir] = await Promise.all([listNotifications(db, user.id, audiences, { limit: 50, beforeId }), countUnread(db, user.id, audiences), getUser(db, user.id), directory.get()]);
        return ctx.render(
          'Notifications',
          <NotificationsPage
            rows={rows.map((n) => ({
              id: n.id, kind: notificationKinds[n.kind] ?? n.kind, title: n.title, message: n.message, read: n.read,
              when: bylineTime(n.createdAt, dir.defaultEdition), iso: n.createdAt, href: notificationHref(n),
            }))}
            csrfToken={ctx.session!.csrfToken}
            unread={unread}
            byEmail={me?.notifyByEmail ?? false}
            olderHref={rows.length === 50 ? `/newsroom/notifications?before=${rows.at(-1)!.id}` : null}
          />,
        );
      },
    },
    {
      method: 'POST',
      url: '/newsroom/notifications/read',
      permission: 'desk.view',
      handler: async (ctx) => {
        const user = ctx.session!.user;
        const ids = text(ctx.form.all) === '1' ? 'all' : list(ctx.form.id).map(idFrom).filter((id) => id !== null);
        await markRead(db, user.id, audiencesOf(user.role), ids);
        return ctx.reply.redirect('/newsroom/notifications', 303);
      },
    },
    {
      method: 'POST',
      url: '/newsroom/notifications/email',
      permission: 'desk.view',
      handler: async (ctx) => {
        await setNotifyByEmail(db, ctx.session!.user.id, text(ctx.form.on) === '1', actorOf(ctx));
        return ctx.reply.redirect('/newsroom/notifications', 303);
      },
    },
  ];
}
