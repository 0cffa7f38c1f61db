import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { articleInput } from '../../src/content/articles.js';
import { repoRoot } from '../helpers/cli.js';

/*
 * Nothing but the lifecycle sets an article's status. Two checks that fail as soon as someone
 * adds a second path: only content/article-store.ts writes the articles table, and only the
 * lifecycle's modules (content/lifecycle/, behind content/lifecycle.ts) import the store.
 * (Migrations, which reshape the table once, are the one exception.) A third, at the type
 * level: an article's input has no status to set.
 */

const sourceRoots = ['src', 'bench', 'scripts', 'bin'];
const STORE = 'src/content/article-store.ts';
const LIFECYCLE = 'src/content/lifecycle/';

function filesUnder(dir: string): string[] {
  const full = path.join(repoRoot, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|mts)$/.test(e.name))
    .map((e) => path.relative(repoRoot, path.join(e.parentPath, e.name)));
}

const code = sourceRoots.flatMap(filesUnder).filter((f) => !f.startsWith('src/db/migrations/'));

/** Writes to the articles table, through Kysely or in raw SQL. */
const WRITES = [
  /\b(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"`]articles(?:\s+as\s+\w+)?['"`]/,
  /\b(?:update|insert\s+(?:or\s+\w+\s+)?into|delete\s+from|replace\s+into)\s+["`]?articles\b(?!_)/i,
];

it('only the article store writes the articles table', () => {
  const writers = code.filter((file) => WRITES.some((w) => w.test(fs.readFileSync(path.join(repoRoot, file), 'utf8'))));
  assert.deepEqual(writers, [STORE]);
});

it('only the lifecycle uses the article store', () => {
  const users = code.filter((file) => file !== STORE && /from\s+['"][^'"]*article-store(?:\.js)?['"]/.test(fs.readFileSync(path.join(repoRoot, file), 'utf8')));
  assert.ok(users.length > 0, 'the lifecycle uses the store');
  assert.deepEqual(
    users.filter((file) => !file.startsWith(LIFECYCLE)),
    [],
  );
});

it('the checks catch a second path (they are not vacuous)', () => {
  for (const sample of [
    "await trx.updateTable('articles').set({ status: 'published' })",
    'await db.insertInto("articles").values(row)',
    "sql`update articles set status = 'published' where id = ${id}`",
    "sql`INSERT INTO articles (slug) values ('x')`",
  ])
    assert.ok(
      WRITES.some((w) => w.test(sample)),
      sample,
    );
  for (const harmless of ["db.selectFrom('articles')", 'sql`update article_sources set position = 1`', "deleteFrom('article_views')"]) {
    assert.ok(!WRITES.some((w) => w.test(harmless)), harmless);
  }
});

it('an article input cannot carry a status, a schedule or a review: the schema refuses them', () => {
  for (const key of ['status', 'scheduledFor', 'humanReviewed', 'publishedAt', 'agencyHold', 'embargoUntil']) {
    const parsed = articleInput.safeParse({ kind: 'news', headline: 'A headline', [key]: key === 'humanReviewed' ? true : 'published' });
    assert.equal(parsed.success, false, key);
  }
  // And at the type level: this line fails to compile if status is ever added to the input again.
  // @ts-expect-error status is not part of an article's input
  const input: import('../../src/content/articles.js').ArticleInput = { kind: 'news', headline: 'x', status: 'published' };
  assert.ok(input);
});
