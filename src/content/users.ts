import type { Selectable } from 'kysely';
import { z } from 'zod';
import { inTransaction, type DB } from '../db/connect.js';
import { recordAudit, type Actor } from './audit.js';
import type { UsersTable } from '../db/schema.js';
import { ConflictError, NotFoundError, ValidationError, fromZod } from './errors.js';
import { userRoles, type UserRole } from './roles.js';
import { nowIso, type IsoTime } from './time.js';

export { userRoles, type UserRole };

export interface User {
  id: number;
  email: string;
  displayName: string;
  role: UserRole;
  hasPassword: boolean;
  createdAt: IsoTime;
  disabledAt: IsoTime | null;
  /** They asked for the newsroom's notifications by email too. */
  notifyByEmail: boolean;
}

export const MIN_PASSWORD_LENGTH = 12;

/** What a new password must be, wherever it is set (user form, CLI, password reset). */
export const passwordRule = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `the password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'the password can have at most 1024 characters');

export const userInput = z.object({
  email: z
    .email('not an email address')
    .max(254)
    .transform((e) => e.toLowerCase()),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(userRoles),
  password: passwordRule.optional(),
});
export type UserInput = z.input<typeof userInput>;

// OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane.
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// Loaded at the first sign-in or new password, not when the site starts.
const argon2 = () => import('@node-rs/argon2');

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role as UserRole,
  hasPassword: r.password_hash !== null,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  notifyByEmail: r.notify_by_email === 1,
});

/** A checked new account with its password already hashed: hashing (argon2, ~20 ms) is done
 *  before a transaction that inserts it, not while it holds the database. */
export interface PreparedUser {
  email: string;
  displayName: string;
  role: UserRole;
  passwordHash: string | null;
}

/** Validates a new account and hashes its password; a ValidationError names what is wrong. */
export async function prepareUser(input: UserInput): Promise<PreparedUser> {
  const parsed = userInput.safeParse(input);
  if (!parsed.success) throw fromZod('user', parsed.error);
  const u = parsed.data;
  const passwordHash = u.password ? await (await argon2()).hash(u.password, argon2Options) : null;
  return { email: u.email, displayName: u.displayName, role: u.role, passwordHash };
}

/** Creates a newsroom account, with its audit entry, in one transaction. */
export async function createUser(db: DB, input: UserInput, actor: Actor): Promise<User> {
  return insertUser(db, await prepareUser(input), actor);
}

/** Inserts a prepared account and its audit entry (in the caller's transaction when given one). */
export async function insertUser(db: DB, u: PreparedUser, actor: Actor): Promise<User> {
  const passwordHash = u.passwordHash;
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', u.email).executeTakeFirst();
    if (existing) throw new ConflictError(`A user with the email ${u.email} already exists.`);
    const row = await trx
      .insertInto('users')
      .values({ email: u.email, display_name: u.displayName, role: u.role, password_hash: passwordHash, created_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'user.create', `user ${row.id}: ${row.email}`, `role ${row.role}`);
    return toUser(row);
  });
}

export async function findUserByEmail(db: DB, email: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsers(db: DB): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
}

/** Checks an email and password; the user when they match an active account. */
export async function verifyPassword(db: DB, email: string, password: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  if (!row || !row.password_hash || row.disabled_at) return null;
  return (await (await argon2()).verify(row.password_hash, password)) ? toUser(row) : null;
}

export async function countUsers(db: DB): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getUser(db: DB, id: number): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Changes a user's role, audited (newsroom/sessions.ts's changeUserRole also ends their sessions, in the same transaction). */
export async function setUserRole(db: DB, id: number, role: UserRole, actor: Actor): Promise<User> {
  if (!userRoles.includes(role)) throw new ValidationError(`Unknown role "${role}"`);
  return inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ role }).where('id', '=', id).execute();
    const user = await getUser(trx, id);
    if (!user) throw new NotFoundError(`No user with id ${id}`);
    await recordAudit(trx, actor, 'user.role', `user ${id}: ${user.email}`, `now ${user.role}`);
    return user;
  });
}

/** Disables (or re-enables) an account, audited; a disabled account cannot sign in (newsroom/sessions.ts's setAccountDisabled
 *  also ends its sessions, in the same transaction). */
export async function setUserDisabled(db: DB, id: number, disabled: boolean, actor: Actor): Promise<User> {
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? nowIso() : null })
      .where('id', '=', id)
      .execute();
    const user = await getUser(trx, id);
    if (!user) throw new NotFoundError(`No user with id ${id}`);
    await recordAudit(trx, actor, disabled ? 'user.disable' : 'user.enable', `user ${id}: ${user.email}`);
    return user;
  });
}

/** A user's own choice: the newsroom's notifications by email as well, or not. */
export async function setNotifyByEmail(db: DB, id: number, on: boolean, actor: Actor): Promise<User> {
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ notify_by_email: on ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    const user = await getUser(trx, id);
    if (!user) throw new NotFoundError(`No user with id ${id}`);
    await recordAudit(trx, actor, 'user.notifications', `user ${id}: ${user.email}`, on ? 'by email too' : 'in the newsroom only');
    return user;
  });
}

/** Enabled users who asked for notifications by email, with their roles. */
export async function usersNotifiedByEmail(db: DB): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().where('notify_by_email', '=', 1).where('disabled_at', 'is', null).execute()).map(toUser);
}

/** Checks a new password against passwordRule and hashes it (argon2id); a ValidationError names what is wrong. */
export async function hashNewPassword(password: string): Promise<string> {
  const parsed = passwordRule.safeParse(password);
  if (!parsed.success) throw fromZod('password', parsed.error);
  return (await argon2()).hash(parsed.data, argon2Options);
}

/** Stores a hash made by hashNewPassword as the user's password. */
export async function setPasswordHash(db: DB, id: number, passwordHash: string): Promise<void> {
  const result = await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError(`No user with id ${id}`);
}
