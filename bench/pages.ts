/**
 * `npm run bench:pages`: figures for the notes, never a gate. The demo newsroom on SQLite, served
 * by `wiredesk serve` with the page cache on and with it off (PAGE_CACHE_MB=0), each against a
 * raw node:http server sending the very same bytes (headers and brotli body) from memory, in
 * alternating rounds of one run (the machine is shared and noisy: only the ratios mean much).
 * With BENCH_DATABASE_URL (an empty PostgreSQL database) it also measures publish-to-visible
 * across two server processes, and two processes (`--workers 2`) against one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listArticles } from '../src/content/articles.js';
import { createArticle, unpublishArticle } from '../src/content/lifecycle.js';
import { openDatabase } from '../src/ops/bootstrap.js';
import { seedDemo } from '../src/demo/seed.js';
import { articlePath } from '../src/presentation/urls.js';
import { load, loadTool, median, percentile, rawResponse } from './load.js';
import { rssMb, startBenchServer } from './server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const headers = { 'accept-encoding': 'br, gzip' };

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-pages-'));
const store = await openDatabase({ database: { kind: 'sqlite', file: path.join(dataDir, 'wiredesk.db') } });
await seedDemo(store.db, { dataDir });
const article = (await listArticles(store.db, { kind: 'news', limit: 1 })).items[0]!;
await store.close();

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
const server = async (env: Record<string, string>, args: string[] = [], dir = dataDir) => {
  const s = await startBenchServer(root, dir, { env, args });
  children.push(s.server);
  return s;
};

/** A node:http server in its own process answering every request with one recorded response. */
async function rawServer(recorded: { status: number; headers: Record<string, string>; body: Buffer }): Promise<string> {
  const file = path.join(dataDir, `raw-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify({ status: recorded.status, headers: recorded.headers, body: recorded.body.toString('base64') }));
  const script = `const http=require('http');const r=JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'));const b=Buffer.from(r.body,'base64');const h=Object.entries(r.headers).flat();
http.createServer((q,s)=>{s.writeHead(r.status,h);s.end(b)}).listen(0,'127.0.0.1',function(){console.log('serving http://127.0.0.1:'+this.address().port)})`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
}

// ── Cached, uncached and raw, alternating ────────────────────────────────────
const cached = await server({ PAGE_CACHE_MB: '64' });
const uncached = await server({ PAGE_CACHE_MB: '0' });
const pages = { article: articlePath(article), front: '/' };
for (const p of Object.values(pages)) for (let i = 0; i < 3; i++) await rawResponse(cached.base + p, headers); // rendered and kept
const raw = {
  article: await rawServer(await rawResponse(cached.base + pages.article, headers)),
  front: await rawServer(await rawResponse(cached.base + pages.front, headers)),
};
const targets: [string, string][] = [
  ['raw node, article bytes', raw.article + '/'],
  ['cached article', cached.base + pages.article],
  ['raw node, front bytes', raw.front + '/'],
  ['cached front', cached.base + pages.front],
  ['uncached article (cache off)', uncached.base + pages.article],
  ['uncached front (cache off)', uncached.base + pages.front],
];
for (const [, url] of targets) await load(url, { connections: 2, seconds: 1, headers }); // warm up
const results = new Map<string, { rps: number[]; p50: number[] }>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, url] of targets) {
    const r = await load(url, { connections: CONNECTIONS, seconds: SECONDS, headers });
    const entry = results.get(name) ?? { rps: [], p50: [] };
    entry.rps.push(r.requestsPerSecond);
    entry.p50.push(r.p50Ms);
    results.set(name, entry);
    if (r.errors) console.log(`  ${name}: ${r.errors} errors`);
  }
}
const rps = (name: string) => median(results.get(name)!.rps);
console.log(`Pages (${loadTool}, ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} alternating rounds; median requests/s):`);
console.table(
  [...results].map(([name, r]) => ({
    target: name,
    'requests/s': Math.round(median(r.rps)),
    'p50 ms': median(r.p50).toFixed(2),
    rounds: r.rps.map(Math.round).join(' / '),
  })),
);
console.table([
  { figure: 'cached article / raw node', ratio: (rps('cached article') / rps('raw node, article bytes')).toFixed(3), target: '≥ 0.9' },
  { figure: 'cached front / raw node', ratio: (rps('cached front') / rps('raw node, front bytes')).toFixed(3), target: '≥ 0.9' },
  { figure: 'uncached article / raw node', ratio: (rps('uncached article (cache off)') / rps('raw node, article bytes')).toFixed(3), target: '≥ 0.1' },
  { figure: 'uncached front / raw node', ratio: (rps('uncached front (cache off)') / rps('raw node, front bytes')).toFixed(3), target: '' },
]);
const health = (await (await fetch(`${cached.base}/healthz`)).json()) as { pageCache: object };
console.log('Cached server /healthz pageCache:', JSON.stringify(health.pageCache));

// ── Memory over a mixed load ─────────────────────────────────────────────────
if (SOAK_SECONDS > 0) {
  const mix = [pages.article, pages.front, '/sector/health', '/latest', '/rss.xml', '/search?q=water', '/country/india', '/trending'];
  const samples: number[] = [rssMb(cached.server.pid!)];
  const sampler = setInterval(() => samples.push(rssMb(cached.server.pid!)), 5_000);
  await Promise.all(mix.map((p) => load(cached.base + p, { connections: 2, seconds: SOAK_SECONDS, headers })));
  clearInterval(sampler);
  samples.push(rssMb(cached.server.pid!));
  console.log(
    `Server RSS over ${SOAK_SECONDS} s of mixed load (${mix.length} pages): start ${samples[0]!.toFixed(0)} MB, end ${samples.at(-1)!.toFixed(0)} MB, max ${Math.max(...samples).toFixed(0)} MB; samples ${samples.map((s) => s.toFixed(0)).join(' ')}`,
  );
}
cached.server.kill('SIGTERM');
uncached.server.kill('SIGTERM');

// ── Two processes on PostgreSQL ──────────────────────────────────────────────
const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) {
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-pages-pg-'));
  const pgStore = await openDatabase({ database: { kind: 'postgres', url: pgUrl } });
  await seedDemo(pgStore.db, { dataDir: pgDir, onlyIfEmpty: true });
  const env = { DATABASE_URL: pgUrl, PAGE_CACHE_MB: '64' };
  const a = await server(env, [], pgDir);
  const b = await server(env, [], pgDir);
  const page = '/sector/health';
  const delays: number[] = [];
  for (let i = 0; i < PUBLISHES; i++) {
    for (const s of [a, b]) for (let j = 0; j < 2; j++) await rawResponse(s.base + page, {});
    const headline = `Benchmark Clinic Number ${i} Opens Its Doors`;
    const started = Date.now();
    const story = await createArticle(
      pgStore.db,
      { kind: 'news', headline, body: '<p>Opened.</p>', sectors: ['health'], countries: ['IN'] },
      { actor: { name: 'bench', userId: null } },
      { publish: { via: 'desk', reviewed: true } },
    );
    let seen = 0;
    while (seen < 2 && Date.now() - started < 10_000) {
      seen = 0;
      for (const s of [a, b]) if ((await rawResponse(s.base + page, {})).body.includes(headline)) seen++;
    }
    delays.push(Date.now() - started);
    await unpublishArticle(pgStore.db, story.id, { actor: { name: 'bench', userId: null } });
  }
  console.log(
    `Publish to visible on both of two server processes (PostgreSQL, ${PUBLISHES} publications): p50 ${percentile(delays, 50)} ms, p95 ${percentile(delays, 95)} ms, max ${Math.max(...delays)} ms`,
  );
  a.server.kill('SIGTERM');
  b.server.kill('SIGTERM');

  const workers = await Promise.all(
    [1, 2].map(async (n) => {
      const s = await server(env, ['--workers', String(n)], pgDir).catch((error: Error) => ({ error }));
      return { n, s };
    }),
  );
  const one = workers[0]!.s;
  const two = workers[1]!.s;
  if ('error' in one || 'error' in two) {
    console.log(`serve --workers: not available (${('error' in two ? two.error : (one as { error: Error }).error).message})`);
  } else {
    const rounds: Record<number, number[]> = { 1: [], 2: [] };
    for (const s of [one, two]) for (let j = 0; j < 3; j++) await rawResponse(s.base + pages.front, headers);
    for (let round = 0; round < ROUNDS; round++) {
      rounds[1]!.push((await load(one.base + pages.front, { connections: CONNECTIONS, seconds: SECONDS, headers })).requestsPerSecond);
      rounds[2]!.push((await load(two.base + pages.front, { connections: CONNECTIONS, seconds: SECONDS, headers })).requestsPerSecond);
    }
    console.log(
      `Cached front on PostgreSQL: one process ${Math.round(median(rounds[1]!))}/s, two (--workers 2) ${Math.round(median(rounds[2]!))}/s: ${(median(rounds[2]!) / median(rounds[1]!)).toFixed(2)}× (target ≥ 1.7×; ${os.cpus().length} CPUs, shared with the load generator)`,
    );
    one.server.kill('SIGTERM');
    two.server.kill('SIGTERM');
  }
  await pgStore.close();
  fs.rmSync(pgDir, { recursive: true, force: true });
}
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
