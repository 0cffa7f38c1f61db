import type { ColumnType, Generated } from 'kysely';

/* The people at the desk: accounts, sessions and sign-in, who has a story open, what they are
 * told, and the audit log of what they did.
 * Part of the schema (db/schema.ts); the conventions there hold. */

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
  notify_by_email: ColumnType<number, number | undefined, number>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

/** Emailed password-reset links (the SHA-256 of each token). Owned by newsroom/password-resets.ts. */
export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

/** Who has a story open in the editor, as of their page's last heartbeat. */
export interface EditorPresenceTable {
  article_id: number;
  user_id: number;
  display_name: string;
  seen_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

/** What the desk is told (content/notifications.ts). */
export interface NotificationsTable {
  id: Generated<number>;
  kind: string;
  audience: string;
  article_id: number | null;
  title: string;
  message: ColumnType<string, string | undefined, string>;
  link: ColumnType<string, string | undefined, string>;
  created_at: string;
  dedupe_key: string | null;
  emailed_at: string | null;
}

export interface NotificationReadsTable {
  notification_id: number;
  user_id: number;
  read_at: string;
}
