import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server for the newsletter tests, whose behaviour a test changes as it goes:
 * refuse some recipients for good (550), refuse everything for now after a number of accepted
 * messages (421, as a server that is going down), or stop answering after a number (the message
 * in flight is never accepted, as when the sender dies while talking).
 */
export interface Behaviour {
  /** 550 at RCPT TO for recipients matching this. */
  refuse?: RegExp;
  /** After this many accepted messages in all, every message gets 421. */
  failAfter?: number;
  /** After this many messages begun in all (see `started`), DATA is never answered. */
  hangAfter?: number;
}

export interface Mailbox {
  url: string;
  received: ParsedMail[];
  behaviour: Behaviour;
  /** Messages whose DATA began, in all (accepted, refused or hanging). */
  started: number;
  /** Messages not answered (hanging). */
  hanging: number;
  waitFor(count: number): Promise<ParsedMail[]>;
  /** Resolves once `count` messages are hanging. */
  whenHanging(count: number): Promise<void>;
  /** Messages received for an address. */
  to(address: string): ParsedMail[];
  /** The first message to `address`, once it has arrived. */
  nextTo(address: string): Promise<ParsedMail>;
  close(): Promise<void>;
}

export const recipientsOf = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address?.toLowerCase() ?? ''));

export async function startMailbox(behaviour: Behaviour = {}): Promise<Mailbox> {
  const received: ParsedMail[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const box: Mailbox = {
    url: '',
    received,
    behaviour,
    started: 0,
    hanging: 0,
    waitFor(count) {
      return until(() => received.length >= count).then(() => received);
    },
    whenHanging: (count) => until(() => box.hanging >= count, 'hanging messages'),
    to: (address) => received.filter((m) => recipientsOf(m).includes(address.toLowerCase())),
    async nextTo(address) {
      await until(() => box.to(address).length > 0);
      return box.to(address)[0]!;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Connections left hanging by a killed sender.
        for (const socket of sockets) socket.destroy();
      }),
  };
  // A guard against a test that would wait for ever, not a timing assertion.
  const until = (test: () => boolean, what = 'messages') =>
    new Promise<void>((resolve, reject) => {
      if (test()) return resolve();
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`the mailbox waited 30 s for ${what}; it has ${received.length}`));
      }, 30_000);
      const check = () => {
        if (test()) {
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        }
      };
      listeners.add(check);
    });
  const sockets = new Set<import('node:net').Socket>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      const b = box.behaviour;
      if (b.failAfter !== undefined && received.length >= b.failAfter)
        return callback(Object.assign(new Error('Service shutting down, try later'), { responseCode: 421 }));
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (box.behaviour.refuse?.test(address.address)) return callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      const b = box.behaviour;
      const index = box.started++;
      if (b.hangAfter !== undefined && index >= b.hangAfter) {
        box.hanging += 1;
        notify();
        stream.resume();
        return; // never answered
      }
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
          notify();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => {});
  server.server.on('connection', (socket: import('node:net').Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  box.url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  return box;
}

/** A header line as sent ("List-Unsubscribe: <…>, <…>" → the value). */
export function headerOf(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}
