import type { FastifyBaseLogger } from 'fastify';
import { markEmailed, unmailedNotifications } from '../content/notifications.js';
import { usersNotifiedByEmail } from '../content/users.js';
import type { DB } from '../db/connect.js';
import { startExclusiveJob, type ExclusiveJob } from '../db/job-lock.js';
import type { Mailer } from '../mail/mailer.js';
import { notificationHref } from '../presentation/desk-urls.js';
import { can, type Permission } from './permissions.js';

/**
 * Sends each new notification by email to the users who asked for that and whose role may act
 * on it, then marks it sent. A failed send leaves it for the next run (at least once; a crash
 * between sending and marking can send one twice).
 */
export async function mailNotifications(db: DB, mailer: Mailer, siteUrl: string, siteName: string): Promise<number> {
  const pending = await unmailedNotifications(db);
  if (pending.length === 0) return 0;
  const users = await usersNotifiedByEmail(db);
  let sent = 0;
  for (const n of pending) {
    const href = notificationHref(n);
    for (const user of users.filter((u) => can(u.role, n.audience as Permission))) {
      await mailer.send({
        to: user.email,
        subject: `[${siteName} newsroom] ${n.title}`.slice(0, 250),
        text: [
          n.title,
          '',
          n.message,
          '',
          href ? `${siteUrl}${href}` : `${siteUrl}/newsroom/notifications`,
          '',
          `You get these because you asked for newsroom notifications by email; turn them off at ${siteUrl}/newsroom/notifications.`,
        ].join('\n'),
      });
      sent += 1;
    }
    await markEmailed(db, [n.id]);
  }
  return sent;
}

/** Mails new notifications every `intervalMs`, one process at a time (the job lock,
 *  src/db/job-lock.ts): each is sent once, however many servers run. */
export function startNotificationMailer(
  db: DB,
  mailer: Mailer,
  siteUrl: string,
  siteName: () => Promise<string>,
  log: Pick<FastifyBaseLogger, 'error'>,
  intervalMs = 15_000,
): ExclusiveJob {
  return startExclusiveJob(
    db,
    'notification-mail',
    async () => {
      await mailNotifications(db, mailer, siteUrl, await siteName());
    },
    intervalMs,
    (error) => log.error({ err: error }, 'notification mail failed'),
  );
}
