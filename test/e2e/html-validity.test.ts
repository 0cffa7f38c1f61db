import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listArticles } from '../../src/content/articles.js';
import { seedDemo } from '../../src/demo/seed.js';
import { slugOf } from '../../src/util/slug.js';
import { articlePath, authorPath } from '../../src/presentation/urls.js';
import { TestDatabase } from '../helpers/databases.js';
import { openSuite } from '../helpers/suite.js';

/*
 * The Nu Html Checker (vnu-jar from npm, run by the machine's Java) on the pages readers see most:
 * every one must have no error. Run with the browser tests (they need the same Debian packages).
 */

const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
const run = promisify(execFile);

describe('valid HTML (Nu Html Checker)', () => {
  const testDb = new TestDatabase('sqlite');
  let app: FastifyInstance;
  const pages: Record<string, string> = {};

  before(async () => {
    await testDb.create();
    const suite = await openSuite(testDb, { taxonomy: false, app: true });
    const store = suite.store;
    app = suite.app;
    await seedDemo(store.db, { dataDir: testDb.dataDir });
    const story = (await listArticles(store.db, { kind: 'news', limit: 20 })).items.find((a) => a.sources.length && a.hero)!;
    const author = (await listArticles(store.db, { kind: ['opinion', 'blog', 'interview'], limit: 50 })).items.find((a) => 'authors' in a.byline);
    assert.ok(author && 'authors' in author.byline, 'the demo has a piece with a named author');
    Object.assign(pages, {
      front: '/',
      'edition front': '/edition/south-asia',
      article: articlePath(story),
      listing: '/sector/health',
      search: '/search?q=water',
      'static page': '/page/about',
      feedback: '/feedback',
      newsletter: '/newsletter',
      trending: '/trending',
      countries: '/countries',
      author: authorPath(slugOf(author.byline.authors[0]!.name)),
    });
  });
  after(async () => {
    await app?.close();
    await testDb.destroy();
  });

  it('finds no error on the front page, an article, a listing, search, an author page, a static page and the forms', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-vnu-'));
    const files: string[] = [];
    for (const [name, url] of Object.entries(pages)) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 200, `${name} ${url}`);
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.html`);
      fs.writeFileSync(file, res.body);
      files.push(file);
    }
    // One call for all files (the checker takes seconds to start); it exits 1 when it finds errors.
    const result = await run('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 16 * 1024 * 1024 }).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    const report = JSON.parse(result.stderr || result.stdout || '{"messages":[]}') as {
      messages: { url: string; message: string; extract?: string; lastLine?: number }[];
    };
    const errors = report.messages.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.message} ${m.extract ? `[${m.extract.trim().slice(0, 80)}]` : ''}`);
    assert.deepEqual(errors, []);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
