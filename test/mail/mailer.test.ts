import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { loadConfig } from '../../src/config.js';
import { createMailer, isPermanentFailure } from '../../src/mail/mailer.js';

const { dkimVerify } = createRequire(import.meta.url)('mailauth/lib/dkim/verify') as {
  dkimVerify: (
    message: Buffer,
    options: { resolver: (name: string, type: string) => Promise<string[][]> },
  ) => Promise<{ results: { status: { result: string }; signingDomain: string; selector: string }[] }>;
};

describe('the mailer', () => {
  it('without SMTP_URL writes each message as an .eml file in the outbox', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-mail-'));
    const mailer = createMailer({ smtpUrl: null, mailFrom: 'Desk <desk@example.org>', dataDir });
    assert.equal(mailer.kind, 'outbox');
    await mailer.send({ to: 'reader@example.org', subject: 'Hello', text: 'Plain part', headers: { 'List-Unsubscribe': '<https://news.example.org/u>' } });
    const files = fs.readdirSync(path.join(dataDir, 'outbox'));
    assert.equal(files.length, 1);
    const eml = fs.readFileSync(path.join(dataDir, 'outbox', files[0]!), 'utf8');
    assert.match(eml, /^Subject: Hello$/m);
    assert.match(eml, /^List-Unsubscribe: <https:\/\/news\.example\.org\/u>$/m);
  });

  it('talks SMTP to a server, and tells a permanent refusal from a passing one', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('gone')) return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
        if (address.address.startsWith('busy')) return callback(Object.assign(new Error('Try later'), { responseCode: 451 }));
        callback();
      },
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Desk <desk@example.org>', dataDir: os.tmpdir() });
    try {
      await mailer.send({ to: 'reader@example.org', subject: 'Over SMTP', text: 'Body' });
      assert.equal(received.length, 1);
      assert.match(received[0]!, /Subject: Over SMTP/);
      const gone = await mailer.send({ to: 'gone@example.org', subject: 'x', text: 'x' }).catch((e: unknown) => e);
      assert.ok(isPermanentFailure(gone));
      const busy = await mailer.send({ to: 'busy@example.org', subject: 'x', text: 'x' }).catch((e: unknown) => e);
      assert.ok(busy instanceof Error && !isPermanentFailure(busy));
    } finally {
      await mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('closing waits for the messages still on their way', async () => {
    let received = 0;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => {
          received += 1;
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Desk <desk@example.org>', dataDir: os.tmpdir() });
    try {
      const sending = [1, 2, 3].map((i) => mailer.send({ to: `reader${i}@example.org`, subject: `Late ${i}`, text: 'Body' }));
      await mailer.close();
      assert.equal(received, 3);
      await Promise.all(sending);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('signs every message with DKIM, and the signature verifies against the published key; From is the site’s name', async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const config = loadConfig({
      SITE_URL: 'https://news.example.org',
      DKIM_DOMAIN: 'news.example.org',
      DKIM_SELECTOR: 'wd2026',
      DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n'),
    });
    assert.equal(config.mailFrom, null);
    assert.equal(config.mailAddress, 'no-reply@news.example.org');
    const received: Buffer[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    const mailer = createMailer({ ...config, smtpUrl: `smtp://127.0.0.1:${port}`, dataDir: os.tmpdir() }, { fromName: () => 'Wiredesk News' });
    try {
      await mailer.send({ to: 'reader@example.org', subject: 'Signed', text: 'A signed message.', html: '<p>A signed message.</p>' });
    } finally {
      await mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const raw = received[0]!;
    assert.match(raw.toString(), /^From: Wiredesk News <no-reply@news\.example\.org>$/m);
    const dns = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    const resolver = async (name: string, type: string) => {
      if (type === 'TXT' && name === 'wd2026._domainkey.news.example.org') return [[dns]];
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    const result = await dkimVerify(raw, { resolver });
    assert.deepEqual(
      result.results.map((r) => [r.status.result, r.signingDomain, r.selector]),
      [['pass', 'news.example.org', 'wd2026']],
    );
    // A changed body no longer verifies: the check is real.
    const tampered = Buffer.from(raw.toString().replace('A signed message.', 'A changed message.'));
    assert.notEqual((await dkimVerify(tampered, { resolver })).results[0]!.status.result, 'pass');
  });

  it('refuses DKIM settings given in part, or a key that is not one', () => {
    assert.throws(() => loadConfig({ DKIM_DOMAIN: 'example.org' }), /DKIM_SELECTOR="" is not valid/);
    assert.throws(
      () => loadConfig({ DKIM_DOMAIN: 'example.org', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----' }),
      /not a PEM private key/,
    );
  });
});
