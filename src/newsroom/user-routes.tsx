import { z } from 'zod';
import { createUser, listUsers, setUserDisabled, setUserRole, userRoles, type UserRole } from '../content/users.js';
import { UsersPage } from './admin-views.js';
import { actorOf, DeskError, page, redirect, route, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { idParams, text } from './desk-input.js';
import { endUserSessions } from './sessions.js';
import { deskUrls } from './urls.js';

/** Newsroom users (admins): add one, change a role, turn an account off and on. Each change ends the person's sessions where it takes rights away. */

const newUser = z.object({ email: text(), displayName: text(), role: text().transform((r) => r as UserRole), password: text(Infinity) });

export function userRoutes({ db }: Desk): DeskRoute[] {
  async function usersPage(ctx: DeskContext, errors: string[] = []) {
    const users = await listUsers(db);
    const self = ctx.session.user.id;
    const rows = users.map((u) => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, disabled: u.disabledAt !== null, self: u.id === self }));
    return page('Users', <UsersPage users={rows} roles={userRoles.map((r) => ({ value: r, label: r }))} csrfToken={ctx.session.csrfToken} errors={errors} />);
  }

  /** The user a route acts on: never the signed-in admin (no locking oneself out). */
  const otherUser = (ctx: DeskContext, id: number) => {
    if (id === ctx.session.user.id) throw new DeskError(403, 'You cannot change your own role or account here.');
    return id;
  };

  const account = (change: 'disable' | 'enable'): DeskRoute =>
    route('users.manage', {
      method: 'POST',
      path: deskUrls.userAccount(change),
      input: { params: idParams },
      handler: async (ctx, { params }) => {
        const id = otherUser(ctx, params.id);
        await setUserDisabled(db, id, change === 'disable', actorOf(ctx));
        if (change === 'disable') await endUserSessions(db, id);
        return redirect(deskUrls.users());
      },
    });

  return [
    route('users.manage', { method: 'GET', path: deskUrls.users, handler: async (ctx) => usersPage(ctx) }),
    route('users.manage', {
      method: 'POST',
      path: deskUrls.users,
      input: { form: newUser },
      handler: async (ctx, { form }) => {
        await createUser(db, form, actorOf(ctx));
        return redirect(deskUrls.users());
      },
      refused: async (ctx, { problems }) => usersPage(ctx, problems),
    }),
    route('users.manage', {
      method: 'POST',
      path: deskUrls.userRole,
      input: { params: idParams, form: z.object({ role: text().transform((r) => r as UserRole) }) },
      handler: async (ctx, { params, form }) => {
        const id = otherUser(ctx, params.id);
        await setUserRole(db, id, form.role, actorOf(ctx));
        await endUserSessions(db, id);
        return redirect(deskUrls.users());
      },
    }),
    account('disable'),
    account('enable'),
  ];
}
