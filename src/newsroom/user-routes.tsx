import { z } from 'zod';
import { createUser, listUsers, userRoles, type UserRole } from '../content/users.js';
import { UsersPage } from './admin-views.js';
import { actorOf, DeskError, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { idParams, text } from './desk-input.js';
import { changeUserRole, setAccountDisabled } from './sessions.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** Newsroom users (admins): add one, change a role, turn an account off and on. Each change ends the person's sessions where it takes rights away. */

const newUser = z.object({ email: text(), displayName: text(), role: text().transform((r) => r as UserRole), password: text(Infinity) });

export function userRoutes({ db }: Desk): DeskRoute[] {
  async function usersPage(ctx: DeskContext, errors: string[] = []) {
    const users = await listUsers(db);
    const self = ctx.session.user.id;
    const rows = users.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      disabled: u.disabledAt !== null,
      self: u.id === self,
    }));
    return page('Users', <UsersPage users={rows} roles={userRoles.map((r) => ({ value: r, label: r }))} csrfToken={ctx.session.csrfToken} errors={errors} />);
  }

  /** Changes another user (never the signed-in admin: no locking oneself out); the commands end their sessions where they take rights away. */
  async function changeOther(ctx: DeskContext, id: number, change: (id: number) => Promise<unknown>) {
    if (id === ctx.session.user.id) throw new DeskError(403, 'You cannot change your own role or account here.');
    await change(id);
    return redirect(deskUrls.users());
  }
  const account = (change: 'disable' | 'enable'): DeskRoute =>
    post(deskUrls.userAccount(change), 'users.manage', {
      input: { params: idParams },
      handler: async (ctx, { params }) => changeOther(ctx, params.id, (id) => setAccountDisabled(db, id, change === 'disable', actorOf(ctx))),
    });

  return [
    get(deskUrls.users, 'users.manage', { handler: async (ctx) => usersPage(ctx) }),
    post(deskUrls.users, 'users.manage', {
      input: { form: newUser },
      handler: async (ctx, { form }) => {
        await createUser(db, form, actorOf(ctx));
        return redirect(deskUrls.users());
      },
      refused: async (ctx, { problems }) => usersPage(ctx, problems),
    }),
    post(deskUrls.userRole, 'users.manage', {
      input: { params: idParams, form: z.object({ role: text().transform((r) => r as UserRole) }) },
      handler: async (ctx, { params, form }) => changeOther(ctx, params.id, (id) => changeUserRole(db, id, form.role, actorOf(ctx))),
    }),
    account('disable'),
    account('enable'),
  ];
}
