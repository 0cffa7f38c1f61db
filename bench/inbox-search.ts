/**
 * `node --import tsx bench/inbox-search.ts`: what the inbox's search and filters cost at the
 * capacity test's size (test/capacity/archive.test.ts): an archive of 50,000 published stories
 * and a desk's 300 drafts made from agency copy. Times listInbox (a page of 30) and the counts
 * per status, for no words, a common word, a rare word and a word with filters, on SQLite and,
 * with BENCH_DATABASE_URL (a server we may create databases on), on PostgreSQL. Figures for the
 * notes, never a gate.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../src/config.js';
import { createArticle } from '../src/content/lifecycle.js';
import { openDatabase } from '../src/ops/bootstrap.js';
import { inTransaction } from '../src/db/connect.js';
import { loadDemoArchive } from '../src/demo/archive.js';
import { seedDemo } from '../src/demo/seed.js';
import { countInboxByStatus, listInbox, type InboxFilter } from '../src/wire/inbox.js';

const STORIES = Number(process.env.CAPACITY_STORIES ?? 50_000);
const DRAFTS = 300;
const RUNS = 20;
const NOW = new Date('2026-11-29T12:00:00.000Z');

async function targets(): Promise<{ name: string; target: DatabaseTarget; dataDir: string; drop?: () => Promise<void> }[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-inbox-bench-'));
  const list: Awaited<ReturnType<typeof targets>> = [
    {
      name: 'sqlite',
      target: { kind: 'sqlite', file: path.join(dir, 'db.sqlite') },
      dataDir: dir,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    },
  ];
  const admin = process.env.BENCH_DATABASE_URL;
  if (admin) {
    const name = `wiredesk_inbox_bench_${process.pid}`;
    const run = async (q: string) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(q).finally(() => c.end());
    };
    await run(`create database "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-inbox-bench-pg-'));
    list.push({
      name: 'postgres',
      target: { kind: 'postgres', url: url.toString() },
      dataDir: pgDir,
      drop: async () => (fs.rmSync(pgDir, { recursive: true, force: true }), run(`drop database "${name}"`)),
    });
  }
  return list;
}

const ms = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, p95 ${s[Math.floor(s.length * 0.95)]!.toFixed(1)} ms`;
};

for (const { name, target, dataDir, drop } of await targets()) {
  const store = await openDatabase({ database: target });
  try {
    await seedDemo(store.db, { dataDir, now: NOW });
    await loadDemoArchive(store.db, { articles: STORIES, now: NOW, mediaDir: path.join(dataDir, 'media') });
    await inTransaction(store.db, async (trx) => {
      for (let i = 0; i < DRAFTS; i++) {
        const at = new Date(NOW.getTime() - i * 60_000).toISOString();
        const a = await createArticle(
          trx,
          {
            kind: 'news',
            headline: `Desk draft number ${i} about a new water programme`,
            body: `<p>Agency copy ${i} on the programme, filed by desk${i}.</p>`,
            sectors: ['health'],
            countries: ['IN'],
          },
          { actor: { name: 'bench', userId: null }, now: at },
        );
        await trx
          .insertInto('wire_items')
          .values({
            agency: i % 2 ? 'Meridian News Agency' : 'Continental Wire',
            item_id: `bench-${i}`,
            version: 1,
            version_time: at,
            status: 'usable',
            headline: a.headline,
            payload: '{}',
            source: '',
            received_at: at,
            article_id: a.id,
            urgency: 1 + (i % 9),
          })
          .execute();
      }
    });
    await sql`analyze`.execute(store.db);
    const shapes: [string, InboxFilter][] = [
      ['no words', {}],
      ['a common word ("programme": thousands of archive matches)', { text: 'programme' }],
      ['a rare word (one draft)', { text: 'desk123' }],
      ['a common word, agency and urgency', { text: 'programme', agency: 'Continental Wire', urgency: 3 }],
      ['all statuses, a common word', { text: 'programme', status: 'all' }],
    ];
    console.log(`\n${name}: ${STORIES} archive stories, ${DRAFTS} inbox drafts`);
    for (const [label, filter] of shapes) {
      const list: number[] = [];
      const counts: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        found = (await listInbox(store.db, { ...filter, now: NOW.toISOString() })).stories.length;
        list.push(performance.now() - t);
        t = performance.now();
        const { status: _s, ...rest } = filter;
        await countInboxByStatus(store.db, { ...rest, now: NOW.toISOString() });
        counts.push(performance.now() - t);
      }
      console.log(`  ${label}: page (${found} shown) ${ms(list)}; counts ${ms(counts)}`);
    }
  } finally {
    await store.close();
    await drop?.();
  }
}
