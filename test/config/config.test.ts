import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { describe, it } from 'node:test';
import { ConfigError, describeDatabase, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/ops/bootstrap.js';

describe('configuration', () => {
  it('has a default for every setting', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.deepEqual(config.database, { kind: 'sqlite', file: path.resolve('./data/wiredesk.db') });
    assert.equal(config.siteUrl, 'http://127.0.0.1:3000');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.trendingHalfLifeHours, 6);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/wd',
      DATABASE_URL: 'postgres://u:secret@db:5432/news',
      SITE_URL: 'https://news.example.org/',
      LOG_LEVEL: 'warn',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, '/srv/wd');
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u:secret@db:5432/news' });
    assert.equal(config.siteUrl, 'https://news.example.org');
    assert.equal(config.logLevel, 'warn');
  });

  it('puts the SQLite file in DATA_DIR unless sqlite:<file> says otherwise', () => {
    assert.deepEqual(loadConfig({ DATA_DIR: '/tmp/x' }).database, { kind: 'sqlite', file: '/tmp/x/wiredesk.db' });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:/tmp/y.db' }).database, { kind: 'sqlite', file: '/tmp/y.db' });
  });

  for (const [name, value, pattern] of [
    ['PORT', '-1', /^PORT="-1" is not valid: must be between 0 and 65535$/],
    ['PORT', 'eighty', /^PORT="eighty" is not valid/],
    ['PORT', '3.5', /^PORT="3.5" is not valid: must be a whole number$/],
    ['DATABASE_URL', 'nonsense', /^DATABASE_URL="nonsense" is not valid: must be postgres:\/\//],
    ['DATABASE_URL', 'mysql://x@y/z', /^DATABASE_URL=/],
    ['SITE_URL', 'news.example.org', /^SITE_URL="news.example.org" is not valid/],
    ['SITE_URL', 'ftp://news.example.org', /^SITE_URL=/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL="loud" is not valid/],
    ['TRENDING_HALF_LIFE_HOURS', '0', /^TRENDING_HALF_LIFE_HOURS="0" is not valid: must be a positive number of hours$/],
    ['TRUST_PROXY', 'yes please', /^TRUST_PROXY="yes please" is not valid: must be true, false, a number of proxy hops/],
    ['SMTP_URL', 'http://mail.example.org', /^SMTP_URL=/],
    ['SQLITE_CACHE_MB', '0', /^SQLITE_CACHE_MB="0" is not valid: must be at least 1 megabyte$/],
  ] as const) {
    it(`refuses ${name}=${value} with one line naming the variable`, () => {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: Error) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, pattern);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        },
      );
    });
  }

  it('names a bad secret or a URL with credentials without repeating the secret', () => {
    for (const [env, pattern] of [
      [{ WIREDESK_ADMIN_PASSWORD: 'hunter2' }, /^WIREDESK_ADMIN_PASSWORD=… is not valid: must have at least 12 characters$/],
      [{ LLM_API_KEY: 'k'.repeat(1001) }, /^LLM_API_KEY=… is not valid/],
      [{ SMTP_URL: 'http://mailer:hunter2@mail.example.org' }, /^SMTP_URL="http:\/\/…@mail\.example\.org" is not valid/],
    ] as const) {
      assert.throws(
        () => loadConfig(env),
        (error: Error) => {
          assert.match(error.message, pattern);
          assert.doesNotMatch(error.message, /hunter2|kkkk/);
          return true;
        },
      );
    }
    assert.equal(loadConfig({ WIREDESK_ADMIN_PASSWORD: 'a long enough password' }).adminPassword, 'a long enough password');
    assert.equal(loadConfig({}).adminPassword, null);
  });

  it('gives each SQLite connection the page cache SQLITE_CACHE_MB names (8 MB unless set)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-config-'));
    try {
      for (const [env, kib] of [
        [{}, 8 * 1024],
        [{ SQLITE_CACHE_MB: '24' }, 24 * 1024],
      ] as const) {
        const store = await openDatabase(loadConfig({ DATA_DIR: dir, ...env }));
        try {
          assert.equal(store.sqlite!.pragma('cache_size', { simple: true }), -kib);
        } finally {
          await store.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads TRUST_PROXY as a switch, a hop count or a list of proxies', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, ['10.0.0.0/8', '127.0.0.1']);
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ PORT: '', DATABASE_URL: ' ' }).port, 3000);
  });

  it('never prints a database password', () => {
    assert.equal(describeDatabase({ kind: 'postgres', url: 'postgres://u:secret@db:5432/news' }), 'PostgreSQL database postgres://u:***@db:5432/news');
  });
});
