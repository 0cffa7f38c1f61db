/**
 * Search at scale: figures for the notes, never a gate (not run in CI).
 *
 *   node --import tsx bench/search-scale.ts
 *
 * Fills a database with BENCH_ARTICLES (100,000) synthetic stories (bench/search-fill.ts), then
 * times searchArticles for each query shape: BENCH_RUNS (50) runs after 3 warm-ups, p50 and p95
 * of the time taken and of the CPU time spent (this process's plus, on PostgreSQL, the server
 * process's: on a shared machine the clock also counts other people's work).
 * SQLite always: a file in a temporary folder, or BENCH_SQLITE_FILE (kept, and reused when it
 * already holds BENCH_ARTICLES stories). PostgreSQL too when BENCH_DATABASE_URL names a database
 * that is empty (it is filled) or holds exactly BENCH_ARTICLES stories from an earlier run
 * (reused). BENCH_ONLY=sqlite|postgres runs one of the two; BENCH_SEARCH_MODULE times another
 * module's searchArticles (an older src/content/search.ts, for before and after figures).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { SearchFilters, searchArticles as SearchArticles } from '../src/content/search.js';
import { listEditions, listSectors } from '../src/content/taxonomy.js';
import { openDatabase } from '../src/db/bootstrap.js';
import type { Store } from '../src/db/connect.js';
import { demoCountries } from '../src/db/demo/taxonomy.js';
import type { DatabaseTarget } from '../src/config.js';
import { fillSearchCorpus, PLANTED, settlePostgres } from './search-fill.js';

const N = Number(process.env.BENCH_ARTICLES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const ONLY = process.env.BENCH_ONLY;
// Another implementation to time, e.g. an older src/content/search.ts copied beside (before/after figures).
const { searchArticles } = (await import(process.env.BENCH_SEARCH_MODULE ?? '../src/content/search.js')) as { searchArticles: typeof SearchArticles };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const countArticles = async (store: Store) => Number((await sql<{ n: number }>`select count(*) as n from articles`.execute(store.db)).rows[0]!.n);

async function prepare(target: DatabaseTarget): Promise<Store> {
  // One connection on PostgreSQL, so that its server process's CPU time is the searches'.
  const store = await openDatabase({ database: target }, { poolSize: 1 });
  const have = await countArticles(store);
  if (have === N) {
    console.log(`${target.kind}: reusing ${N.toLocaleString('en')} stories`);
    return store;
  }
  if (have !== 0) {
    await store.close();
    throw new Error(`${target.kind}: the database holds ${have} stories, not 0 or ${N}; give an empty one`);
  }
  const started = performance.now();
  let last = 0;
  const onProgress = (done: number) => {
    if (performance.now() - last < 10_000 && done < N) return;
    last = performance.now();
    process.stdout.write(`\r${target.kind}: ${done.toLocaleString('en')} of ${N.toLocaleString('en')} stories written`);
  };
  if (target.kind === 'postgres') {
    // The GIN index is built once after the fill rather than kept up row by row.
    const indexes = (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
      where tablename = 'article_search' and indexdef not like '%UNIQUE%'`.execute(store.db)).rows;
    for (const i of indexes) await sql`drop index ${sql.id(i.indexname)}`.execute(store.db);
    await fillSearchCorpus(store, N, { onProgress });
    await store.db.connection().execute(async (c) => {
      await sql`set maintenance_work_mem = '512MB'`.execute(c);
      for (const i of indexes) await sql.raw(i.indexdef).execute(c);
    });
    await settlePostgres(store);
  } else {
    await fillSearchCorpus(store, N, { onProgress });
    store.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  }
  console.log(`\n${target.kind}: filled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return store;
}

async function shapes(store: Store): Promise<[string, string, SearchFilters, number][]> {
  const sectors = await listSectors(store.db);
  const editions = await listEditions(store.db);
  const common = PLANTED.common;
  return [
    ['common word', common, {}, 1],
    ['common word, page 10', common, {}, 10],
    ['two common words', `${common} market`, {}, 1],
    ['word in 5% of stories', PLANTED.fivePercent, {}, 1],
    ['word in 1% of stories', PLANTED.onePercent, {}, 1],
    ['rare word', PLANTED.rare, {}, 1],
    ['phrase', `"${PLANTED.phrase}"`, {}, 1],
    ['common + kind (opinion)', common, { kind: 'opinion' }, 1],
    [`common + sector (${sectors[7]!.slug})`, common, { sector: sectors[7]!.slug }, 1],
    [`common + edition (${editions[6]!.slug})`, common, { edition: editions[6]!.slug }, 1],
    [`common + large country (${demoCountries[0]})`, common, { country: demoCountries[0]! }, 1],
    [`common + small country (${demoCountries.at(-1)})`, common, { country: demoCountries.at(-1)! }, 1],
    ['phrase + small country', `"${PLANTED.phrase}"`, { country: demoCountries.at(-1)! }, 1],
    ['rare + large country', PLANTED.rare, { country: demoCountries[0]! }, 1],
    ['no hits', PLANTED.none, {}, 1],
  ];
}

async function measure(store: Store) {
  console.log(`\n${store.kind}, ${N.toLocaleString('en')} stories, ${RUNS} runs each`);
  // CPU time, a figure that other processes on a shared machine disturb less than the clock:
  // on SQLite this thread's (the query runs in it), on PostgreSQL also the server process's
  // (from /proc/<pid>/schedstat, Linux).
  const serverPid = store.kind === 'postgres' ? Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)).rows[0]!.pid) : 0;
  const serverCpu = () => (serverPid ? Number(fs.readFileSync(`/proc/${serverPid}/schedstat`, 'utf8').split(' ')[0]) / 1e6 : 0);
  console.log(`${'shape'.padEnd(40)} ${'total'.padStart(9)} ${'page'.padStart(4)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'cpu p50'.padStart(8)} ${'cpu p95'.padStart(8)}`);
  for (const [name, q, filters, page] of await shapes(store)) {
    for (let i = 0; i < 3; i++) await searchArticles(store.db, q, filters, page);
    const times: number[] = [];
    const cpu: number[] = [];
    let result!: Awaited<ReturnType<typeof searchArticles>>;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      const s = serverCpu();
      result = await searchArticles(store.db, q, filters, page);
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000 + serverCpu() - s);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const cpuFigures = ` ${percentile(cpu, 50).toFixed(1).padStart(8)} ${percentile(cpu, 95).toFixed(1).padStart(8)}`;
    const total = `${result.total}${'capped' in result && result.capped ? '+' : ''}`;
    console.log(`${name.padEnd(40)} ${total.padStart(9)} ${String(result.hits.length).padStart(4)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}${cpuFigures}`);
  }
}

let tmp: string | null = null;
if (ONLY !== 'postgres') {
  let file = process.env.BENCH_SQLITE_FILE;
  if (!file) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-search-'));
    file = path.join(tmp, 'wiredesk.db');
  }
  const store = await prepare({ kind: 'sqlite', file });
  await measure(store);
  await store.close();
}
if (process.env.BENCH_DATABASE_URL && ONLY !== 'sqlite') {
  const store = await prepare({ kind: 'postgres', url: process.env.BENCH_DATABASE_URL });
  await measure(store);
  await store.close();
}
if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
