import type { FastifyInstance } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/db/connect.js';
import { createMailer, type MailMessage } from '../../src/mail/mailer.js';
import type { TestDatabase } from './databases.js';

/** A local SMTP server that keeps every message it accepts, parsed; `refuse` makes it answer 550 to recipients matching it. */
export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  /** Resolves once `count` messages have arrived in all. */
  waitFor(count: number): Promise<ParsedMail[]>;
  /** The next message to `address` not yet returned by this call, once it has arrived. */
  nextTo(address: string): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtp(options: { refuse?: RegExp } = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const taken = new Set<ParsedMail>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.test(address.address)) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          for (const w of waiters.filter((x) => received.length >= x.count)) w.resolve();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const smtp: TestSmtp = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(received) }));
    },
    async nextTo(address) {
      const wanted = address.toLowerCase();
      for (let count = 1; ; count++) {
        const mail = (await smtp.waitFor(count))[count - 1]!;
        const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));
        if (to.includes(wanted) && !taken.has(mail)) {
          taken.add(mail);
          return mail;
        }
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return smtp;
}

/** The web app over a test database, sending real SMTP to `smtpUrl`; `sent` lists every message
 *  the app handed to its mailer (a send starts before the answer goes out). */
export async function appWithMail(testDb: TestDatabase, store: Store, smtpUrl: string): Promise<{ app: FastifyInstance; sent: MailMessage[] }> {
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: 'https://news.example.org', SMTP_URL: smtpUrl, MAIL_FROM: 'Desk <desk@example.org>' }),
    database: testDb.target,
    dataDir: testDb.dataDir,
  };
  const mailer = createMailer(config);
  const sent: MailMessage[] = [];
  const app = await buildApp({
    config,
    store: { ...store, close: async () => {} },
    mailer: {
      description: mailer.description,
      kind: mailer.kind,
      send(message) {
        sent.push(message);
        return mailer.send(message);
      },
      close: () => mailer.close(),
    },
  });
  return { app, sent };
}
