import type { FastifyBaseLogger } from 'fastify';
import type { MailMessage, Mailer } from './mailer.js';

/**
 * Mail a request causes but does not wait for (a feedback notice, a password-reset link): the
 * answer goes out at once, whatever the mail server does, and a failure is logged, never thrown.
 * `settle()` waits for the messages still on their way (at shutdown, and in tests).
 */
export interface BackgroundMail {
  send(message: MailMessage, what: string): void;
  settle(): Promise<void>;
}

export function backgroundMail(mailer: Mailer, log: FastifyBaseLogger): BackgroundMail {
  const pending = new Set<Promise<void>>();
  return {
    send(message, what) {
      // Called now (a synchronous throw becomes a rejection), answered later.
      const sending = new Promise<{ messageId: string }>((resolve) => resolve(mailer.send(message)))
        .then(
          ({ messageId }) => log.info({ messageId, what }, 'mail sent'),
          (error: unknown) => log.error({ err: error, what }, 'mail could not be sent'),
        )
        .finally(() => pending.delete(sending));
      pending.add(sending);
    },
    async settle() {
      await Promise.allSettled([...pending]);
    },
  };
}
