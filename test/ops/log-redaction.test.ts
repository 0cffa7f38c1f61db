import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/db/connect.js';
import { issuePasswordReset } from '../../src/newsroom/password-resets.js';
import { redactUrl, scrubText } from '../../src/ops/log-redaction.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { deskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('the request log holds no secrets', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const lines: string[] = [];
  const log = () => lines.join('');

  before(async () => {
    ({ store } = await openSuite(testDb));
    const config = { ...loadConfig({ LOG_LEVEL: 'info', SITE_URL: 'https://news.example.org' }), database: testDb.target, dataDir: testDb.dataDir };
    app = await buildApp({ config, store: { ...store, close: async () => {} }, logStream: { write: (line: string) => void lines.push(line) } });
  });
  after(() => app.close());

  it('logs password-reset requests without their token, at the default level', async () => {
    const user = await deskUser(store.db, 'writer');
    const reset = await issuePasswordReset(store.db, user.email, { ip: '203.0.113.1' });
    assert.ok(reset.issued);
    lines.length = 0;
    const page = await app.inject(`/newsroom/reset-password/${reset.token}`);
    assert.equal(page.statusCode, 200);
    const posted = await app.inject({
      method: 'POST',
      url: `/newsroom/reset-password/${reset.token}`,
      payload: `_csrf=x&password=${encodeURIComponent('a new long password')}&confirm=${encodeURIComponent('a new long password')}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: '__Host-wd_signin=x' },
    });
    assert.ok(posted.statusCode < 500);
    await app.inject(`/newsroom/reset-password/${reset.token}/further?next=${reset.token}`); // no such route
    assert.ok(!log().includes(reset.token), 'the token is in the log');
    assert.ok(!log().includes(reset.token.slice(0, 16)), 'a part of the token is in the log');
    assert.match(log(), /"url":"\/newsroom\/reset-password\/\[redacted\]"/, 'the route is still logged');
    assert.match(log(), /"statusCode":200/);
  });

  it('logs newsletter confirm, unsubscribe and preferences links without their tokens or any query value', async () => {
    lines.length = 0;
    const tokens = ['ConfirmTokenAbc123xyz', 'UnsubscribeTokenDef456', 'PreferencesTokenGhi789', 'OneClickTokenJkl012'];
    await app.inject(`/newsletter/confirm?t=${tokens[0]}`);
    await app.inject(`/newsletter/unsubscribe?t=${tokens[1]}&utm=x`);
    await app.inject(`/newsletter/preferences?t=${tokens[2]}`);
    await app.inject({
      method: 'POST',
      url: `/newsletter/unsubscribe?t=${tokens[3]}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await app.inject(`/search?q=${encodeURIComponent('my private search')}`);
    for (const token of tokens) assert.ok(!log().includes(token), `${token} is in the log`);
    assert.ok(!log().includes('private'));
    assert.match(log(), /"url":"\/newsletter\/confirm\?t=\[redacted\]"/);
    assert.match(log(), /"url":"\/newsletter\/unsubscribe\?t=\[redacted\]&utm=\[redacted\]"/);
  });

  it('censors cookies, authorization and CSRF headers and token fields wherever a line carries them', async () => {
    lines.length = 0;
    const s = await (await deskUser(store.db, 'editor')).session();
    await app.inject({ url: '/newsroom', headers: { cookie: s.cookie, authorization: 'Bearer SecretBearer123', 'x-csrf-token': s.csrf } });
    app.log.info(
      {
        req: { headers: { cookie: s.cookie, authorization: 'Bearer SecretBearer123', 'x-csrf-token': s.csrf } },
        token: 'FieldToken456',
        user: { password: 'Hunter2Hunter2', csrfToken: s.csrf },
      },
      'a line with secrets',
    );
    app.log.warn(`Route GET:/newsroom/reset-password/PathToken789 not found`);
    const text = log();
    for (const secret of [s.cookie.split('=')[1]!, s.csrf, 'SecretBearer123', 'FieldToken456', 'Hunter2Hunter2', 'PathToken789'])
      assert.ok(!text.includes(secret), `${secret} is in the log`);
    assert.match(text, /a line with secrets/);
  });
});

it('redacts token segments and query values, and nothing else', () => {
  assert.equal(redactUrl('/article/12-a-story'), '/article/12-a-story');
  assert.equal(redactUrl('/newsroom/reset-password/abc_DEF-123'), '/newsroom/reset-password/[redacted]');
  assert.equal(redactUrl('/newsroom/reset-password/abc/more?x=1'), '/newsroom/reset-password/[redacted]?x=[redacted]');
  assert.equal(redactUrl('/newsletter/confirm?t=abc&flag'), '/newsletter/confirm?t=[redacted]&flag');
  assert.equal(
    scrubText('GET /newsletter/confirm?t=abc and /newsroom/reset-password/xyz done'),
    'GET /newsletter/confirm?t=[redacted] and /newsroom/reset-password/[redacted] done',
  );
});
