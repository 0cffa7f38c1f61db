/**
 * `npm run bench`: figures for the notes, never a gate. Builds an SQLite corpus (demo newsroom plus
 * BENCH_ARTICLES generated stories, 20,000 by default) and times the domain's list queries.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { listArticles, type ListQuery } from '../src/content/articles.js';
import { benchCorpus } from './corpus.js';

const EXTRA = Number(process.env.BENCH_ARTICLES ?? 20_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2_000);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const started = performance.now();
const { store, dataDir } = await benchCorpus(EXTRA);
const corpusSeconds = (performance.now() - started) / 1000;
console.log(`Corpus: demo + ${EXTRA} generated articles on SQLite, built in ${corpusSeconds.toFixed(1)} s (${Math.round(EXTRA / corpusSeconds)} articles/s through createArticle)`);

const deepCursor = (await listArticles(store.db, { limit: 100, from: new Date(Date.now() - 60 * 86_400_000).toISOString() })).items.at(-1)!;
const cases: [string, ListQuery][] = [
  ['latest, first page', { limit: 20 }],
  ['latest, 60 days back', { limit: 20, before: { at: deepCursor.publishedAt!, id: deepCursor.id } }],
  ['by kind (opinion)', { kind: 'opinion', limit: 20 }],
  ['opinion + blog + interview', { kind: ['opinion', 'blog', 'interview'], limit: 10 }],
  ['by sector', { sector: 'health', limit: 20 }],
  ['by country', { country: 'IN', limit: 20 }],
  ['by edition', { edition: 'south-asia', limit: 20 }],
];

const rows: Record<string, string | number>[] = [];
for (const [name, query] of cases) {
  for (let i = 0; i < 50; i++) await listArticles(store.db, query); // warm up
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const s = performance.now();
    await listArticles(store.db, query);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  rows.push({
    query: name,
    'pages/s': Math.round((ITERATIONS / total) * 1000),
    'p50 ms': percentile(times, 50).toFixed(2),
    'p99 ms': percentile(times, 99).toFixed(2),
  });
}
console.table(rows);
await store.close();
fs.rmSync(dataDir, { recursive: true, force: true });
