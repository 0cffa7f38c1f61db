import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config.js';

/**
 * Outgoing mail, one place: SMTP when SMTP_URL is set (a pooled nodemailer transport), otherwise
 * each message is written as an .eml file under DATA_DIR/outbox so a demo can be inspected
 * without a mail server. Newsletters, password resets and feedback notices all send through it.
 * Every message is from MAIL_FROM, or from the site's name at no-reply@ the site's host, and is
 * DKIM-signed when DKIM_* is configured.
 */

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  replyTo?: string;
}

export interface Mailer {
  /** Where mail goes, for the start-up log: "SMTP smtp.example.org:587" or "the outbox folder …". */
  readonly description: string;
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

/** A failure the server says will not change on retry (5xx), as against a busy server or a dropped connection. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export interface MailerOptions {
  /** The name mail is from when MAIL_FROM gives none: the site's name, read when a message goes. */
  fromName?: () => string | Promise<string>;
}

/** A transport made when the first message goes: nodemailer is loaded then, not at start (a
 *  site that sends no mail keeps its 2 MB of modules out of memory). */
function lazyTransport(options: Parameters<typeof import('nodemailer').createTransport>[0]): { get(): Promise<Transporter>; made(): Transporter | null } {
  let made: Transporter | null = null;
  let making: Promise<Transporter> | null = null;
  return {
    get: () => (making ??= import('nodemailer').then(({ default: nodemailer }) => (made = nodemailer.createTransport(options)))),
    made: () => made,
  };
}

type MailerConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'> & Partial<Pick<Config, 'mailAddress' | 'dkim'>>;

export function createMailer(config: MailerConfig, options: MailerOptions = {}): Mailer {
  const from = async () => config.mailFrom ?? { name: (await options.fromName?.()) || 'Wiredesk', address: config.mailAddress ?? 'no-reply@localhost' };
  const dkim = config.dkim ? { dkim: config.dkim } : {};
  if (config.smtpUrl) {
    const url = new URL(config.smtpUrl);
    const transport = lazyTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      pool: true,
      maxConnections: 3,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
      // A local relay without a certificate (as in tests) still gets STARTTLS when it offers it.
      tls: { rejectUnauthorized: url.searchParams.get('tls') !== 'insecure' },
      ...dkim,
    });
    // Messages on their way: closing waits for them rather than dropping them with the pool.
    const inFlight = new Set<Promise<unknown>>();
    return {
      description: `SMTP ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
      kind: 'smtp',
      async send(message) {
        // In flight from the call on (the sender's name is read first), so close() waits for it.
        const sending = Promise.all([from(), transport.get()]).then(([sender, smtp]) => smtp.sendMail({ from: sender, ...message }));
        inFlight.add(sending);
        try {
          const info = await sending;
          return { messageId: info.messageId };
        } finally {
          inFlight.delete(sending);
        }
      },
      async close() {
        await Promise.allSettled([...inFlight]);
        transport.made()?.close();
      },
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = lazyTransport({ streamTransport: true, buffer: true, newline: 'unix', ...dkim });
  return {
    description: `the outbox folder ${outbox} (.eml files; set SMTP_URL to send for real)`,
    kind: 'outbox',
    async send(message) {
      const info = await (await transport.get()).sendMail({ from: await from(), ...message });
      fs.mkdirSync(outbox, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`;
      // Written under a temporary name and renamed, so whoever watches the folder never reads half a message.
      const partial = path.join(outbox, `.${name}.partial`);
      await fs.promises.writeFile(partial, info.message as Buffer);
      await fs.promises.rename(partial, path.join(outbox, name));
      return { messageId: info.messageId };
    },
    async close() {},
  };
}
