/**
 * `npm run bench`: figures for the notes, never a gate. Builds an SQLite corpus (the demo
 * newsroom plus BENCH_ARTICLES generated stories, 20,000 by default), times the domain's list
 * queries in-process, then serves the corpus from a separate `wiredesk serve` process and loads
 * four pages with autocannon.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { listArticles, type ListQuery } from '../src/content/articles.js';
import { articlePath } from '../src/presentation/urls.js';
import { benchCorpus } from './corpus.js';
import { startBenchServer } from './server.js';

const EXTRA = Number(process.env.BENCH_ARTICLES ?? 20_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const started = performance.now();
const { store, dataDir } = await benchCorpus(EXTRA);
const corpusSeconds = (performance.now() - started) / 1000;
console.log(
  `Corpus: demo + ${EXTRA} generated articles on SQLite, built in ${corpusSeconds.toFixed(1)} s (${Math.round(EXTRA / corpusSeconds)} articles/s through createArticle)`,
);

// ── Domain list queries, in-process ─────────────────────────────────────────
const deep = (await listArticles(store.db, { limit: 100, from: new Date(Date.now() - 60 * 86_400_000).toISOString() })).items.at(-1)!;
const cases: [string, ListQuery][] = [
  ['latest, first page', { limit: 20 }],
  ['latest, 60 days back', { limit: 20, before: { at: deep.publishedAt!, id: deep.id } }],
  ['by kind (opinion)', { kind: 'opinion', limit: 20 }],
  ['opinion + blog + interview', { kind: ['opinion', 'blog', 'interview'], limit: 10 }],
  ['by sector', { sector: 'health', limit: 20 }],
  ['by country', { country: 'IN', limit: 20 }],
  ['by edition', { edition: 'south-asia', limit: 20 }],
];
const listRows: Record<string, string | number>[] = [];
for (const [name, query] of cases) {
  for (let i = 0; i < 50; i++) await listArticles(store.db, query);
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const s = performance.now();
    await listArticles(store.db, query);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  listRows.push({
    query: name,
    'lists/s': Math.round((ITERATIONS / total) * 1000),
    'p50 ms': percentile(times, 50).toFixed(2),
    'p99 ms': percentile(times, 99).toFixed(2),
  });
}
console.log('\nList queries (in-process, one connection):');
console.table(listRows);
const article = (await listArticles(store.db, { kind: 'news', limit: 1 })).items[0]!;
await store.close();

// ── Pages over HTTP, server in its own process ──────────────────────────────
const { server, base } = await startBenchServer(root, dataDir);
const pages: [string, string][] = [
  ['article page', articlePath(article)],
  ['front page', '/'],
  ['sector page', '/sector/health'],
  ['search', '/search?q=solar%20farmers'],
];
const httpRows: Record<string, string | number>[] = [];
try {
  for (const [name, p] of pages) {
    await autocannon({ url: base + p, connections: 2, duration: 2, headers: { 'accept-encoding': 'br' } }); // warm up
    const r = await autocannon({ url: base + p, connections: CONNECTIONS, duration: SECONDS, headers: { 'accept-encoding': 'br' } });
    httpRows.push({ page: name, 'requests/s': Math.round(r.requests.average), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, errors: r.errors + r.non2xx });
  }
} finally {
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(`\nPages over HTTP (${CONNECTIONS} connections, ${SECONDS} s each, brotli, one server process):`);
console.table(httpRows);
