/**
 * `npm run bench:scale`: the archive at 10k, 100k and 1M stories (`wiredesk demo-archive`), on
 * SQLite and, with BENCH_DATABASE_URL (a PostgreSQL server we may create databases on), on
 * PostgreSQL. For each size it times, one request at a time against `wiredesk serve` with the
 * page cache off (what a miss costs): pages, search shapes, machine outputs and the trending
 * block; then the listing plans the planner picks on that database, the server's RSS, wire
 * ingest of 5,000 new items, `wiredesk migrate` and a backup. It prints p50 and p95 per figure
 * and the ratio of the largest size to the smallest. Figures for the notes, never a gate.
 *
 *   BENCH_SCALE_SIZES=10000,100000,1000000   sizes (default)
 *   BENCH_SCALE_DIR=/path                    keep the filled databases there and reuse them
 *   BENCH_SCALE_REQUESTS=40                  timed requests per figure
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
 *   BENCH_SCALE_GROUPS=page,search,machine   which request figures to time (default all)
 *   BENCH_SCALE_EXTRAS=0                     skip ingest, migrate and backup
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { encodeCursor } from '../src/content/cursor.js';
import { listingShapes, listPlan, planProblem } from '../src/content/list-plans.js';
import type { DatabaseTarget } from '../src/config.js';
import { openDatabase } from '../src/ops/bootstrap.js';
import type { DatabaseKind } from '../src/db/connect.js';
import { percentile } from './load.js';
import { rssMb, startBenchServer } from './server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim()));
const REQUESTS = Number(process.env.BENCH_SCALE_REQUESTS ?? 40);
const PG_URL = process.env.BENCH_DATABASE_URL;
const baseDir = process.env.BENCH_SCALE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-scale-'));
const INGEST_ITEMS = 5_000;
const GROUPS = new Set((process.env.BENCH_SCALE_GROUPS ?? 'page,search,machine').split(',').map((g) => g.trim()));
const EXTRAS = process.env.BENCH_SCALE_EXTRAS !== '0';
const cli = path.join(root, 'bin', 'wiredesk.js');

interface Figure {
  group: string;
  name: string;
  /** One or more URLs, taken in turn, so in-process list caches do not answer for the database. */
  urls: string[];
}

type Timings = Map<string, { p50: number; p95: number }>;
interface SizeResult {
  timings: Timings;
  notes: Record<string, string>;
  plans: string[];
}

function envFor(kind: DatabaseKind, size: number): { dataDir: string; env: Record<string, string>; target: DatabaseTarget } {
  const dataDir = path.join(baseDir, `${kind}-${size}`);
  fs.mkdirSync(dataDir, { recursive: true });
  if (kind === 'sqlite') {
    const file = path.join(dataDir, 'wiredesk.db');
    return { dataDir, env: { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'warn' }, target: { kind: 'sqlite', file } };
  }
  const url = new URL(PG_URL!);
  url.pathname = `/wiredesk_scale_${size}`;
  return { dataDir, env: { DATA_DIR: dataDir, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' }, target: { kind: 'postgres', url: url.toString() } };
}

async function ensurePgDatabase(name: string, fresh: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    if (fresh) await client.query(`drop database if exists "${name}" with (force)`);
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

const run = (args: string[], env: Record<string, string>) => {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`wiredesk ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return { seconds: (performance.now() - t) / 1000, stdout: r.stdout.trim() };
};

/** Fills the database once (kept in BENCH_SCALE_DIR across runs). */
async function fill(kind: DatabaseKind, size: number, notes: Record<string, string>) {
  const setup = envFor(kind, size);
  const marker = path.join(setup.dataDir, 'filled.json');
  if (!fs.existsSync(marker)) {
    if (kind === 'postgres') await ensurePgDatabase(`wiredesk_scale_${size}`, true);
    else fs.rmSync(setup.target.kind === 'sqlite' ? setup.target.file : '', { force: true });
    const r = run(['demo-archive', '--articles', String(size)], setup.env);
    fs.writeFileSync(marker, JSON.stringify({ seconds: r.seconds, output: r.stdout }));
  }
  const filled = JSON.parse(fs.readFileSync(marker, 'utf8')) as { seconds: number; output: string };
  notes['demo-archive'] = `${filled.seconds.toFixed(0)} s (${Math.round(size / filled.seconds)} stories/s, whole command)`;
  return setup;
}

/** The URLs of each figure, read off the filled database. */
async function figuresFor(target: DatabaseTarget): Promise<Figure[]> {
  const store = await openDatabase({ database: target });
  try {
    const db = store.db;
    const newest = await db.selectFrom('articles').select(['id', 'slug']).where('status', '=', 'published').orderBy('id', 'desc').limit(20).execute();
    const oldest = await db
      .selectFrom('articles')
      .select(['id', 'slug'])
      .where('status', '=', 'published')
      .orderBy('published_at')
      .orderBy('id')
      .limit(20)
      .execute();
    const editions = (await db.selectFrom('editions').select('slug').where('is_default', '=', 0).orderBy('position').execute()).map((e) => e.slug);
    const sectors = (await db.selectFrom('sectors').select('slug').orderBy('position').execute()).map((s) => s.slug);
    const countries = ['india', 'kenya', 'brazil', 'indonesia', 'germany', 'peru', 'nigeria', 'viet-nam', 'mexico', 'egypt'];
    const countrySlugs = (await db.selectFrom('countries').select('slug').where('slug', 'in', countries).execute()).map((c) => c.slug);
    // A page of the health section about a year back.
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const deep = await db
      .selectFrom('article_sectors as x')
      .innerJoin('sectors as s', 's.id', 'x.sector_id')
      .select(['x.listed_at', 'x.article_id'])
      .where('s.slug', '=', 'health')
      .where('x.listed_at', '<=', yearAgo)
      .orderBy('x.listed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const deepUrl = deep ? `/sector/health?before=${encodeCursor({ at: new Date(deep.listed_at!).toISOString(), id: deep.article_id })}` : '/sector/health';
    const last = await db.selectFrom('articles').select('body').where('status', '=', 'published').orderBy('id', 'desc').limit(5).execute();
    const rare = last.map((r) => /compiled by \w+ (\w+) of the/.exec(r.body)?.[1]).filter((w): w is string => Boolean(w));
    const thousandth = await db
      .selectFrom('articles')
      .select(['updated_at', 'id'])
      .where('status', '=', 'published')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .offset(999)
      .limit(1)
      .executeTakeFirst();
    const apiDeep = thousandth
      ? `/api/v1/items?cursor=${encodeCursor({ at: new Date(thousandth.updated_at).toISOString(), id: thousandth.id })}`
      : '/api/v1/items';
    const monthAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 7);
    const article = (a: { id: number; slug: string }) => `/article/${a.id}-${a.slug}`;
    return [
      { group: 'page', name: 'article, new', urls: newest.map(article) },
      { group: 'page', name: 'article, two years old', urls: oldest.map(article) },
      { group: 'page', name: 'front page', urls: ['/'] },
      { group: 'page', name: 'edition front', urls: editions.map((e) => `/edition/${e}`) },
      { group: 'page', name: 'sector', urls: sectors.map((s) => `/sector/${s}`) },
      { group: 'page', name: 'country', urls: countrySlugs.map((c) => `/country/${c}`) },
      { group: 'page', name: 'deep keyset page (a year back)', urls: [deepUrl] },
      { group: 'page', name: 'trending', urls: ['/trending', ...editions.slice(0, 3).map((e) => `/edition/${e}/trending`)] },
      { group: 'search', name: 'common word', urls: ['/search?q=programme', '/search?q=district', '/search?q=officials'] },
      { group: 'search', name: 'rare word', urls: rare.map((w) => `/search?q=${encodeURIComponent(w)}`) },
      { group: 'search', name: 'phrase', urls: ['/search?q=%22drip+irrigation%22', '/search?q=%22seed+banks%22', '/search?q=%22solar+power%22'] },
      { group: 'search', name: 'filter: kind', urls: ['/search?q=water&kind=opinion', '/search?q=school&kind=news'] },
      { group: 'search', name: 'filter: sector', urls: ['/search?q=water&sector=health', '/search?q=farmers&sector=economy-business'] },
      { group: 'search', name: 'filter: edition', urls: ['/search?q=water&edition=south-asia', '/search?q=farmers&edition=east-africa'] },
      { group: 'search', name: 'filter: country', urls: ['/search?q=water&country=india', '/search?q=farmers&country=kenya'] },
      { group: 'search', name: 'no hits', urls: ['/search?q=zzqxjv', '/search?q=qqwvxz+kkjzzp'] },
      { group: 'machine', name: 'sitemap index', urls: ['/sitemap.xml'] },
      // Resolved from the index once the server runs (its naming is the server's business).
      { group: 'machine', name: "a month's sitemap", urls: [monthAgo] },
      { group: 'machine', name: 'news sitemap', urls: ['/news-sitemap.xml'] },
      { group: 'machine', name: 'RSS', urls: ['/rss.xml', '/sector/health/rss.xml'] },
      { group: 'machine', name: 'API items, 1,000 deep', urls: [apiDeep] },
    ];
  } finally {
    await store.close();
  }
}

async function timeOne(base: string, url: string): Promise<number> {
  const t = performance.now();
  const r = await fetch(base + url, { headers: { 'accept-encoding': 'identity' } });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  return performance.now() - t;
}

async function measure(kind: DatabaseKind, size: number): Promise<SizeResult> {
  const notes: Record<string, string> = {};
  const setup = await fill(kind, size, notes);
  const figures = (await figuresFor(setup.target)).filter((f) => GROUPS.has(f.group));

  // The plans the planner picks on the full database, without any nudging.
  const plans: string[] = [];
  const store = await openDatabase({ database: setup.target });
  for (const [name, query, index] of listingShapes) {
    const problem = planProblem(store.kind, await listPlan(store, query, false), index);
    if (problem) plans.push(`${name}: ${problem}`);
  }
  const countRow = await sql<{ n: number }>`select count(*) as n from articles`.execute(store.db);
  notes.articles = String(countRow.rows[0]!.n);
  await store.close();

  const { server, base } = await startBenchServer(root, setup.dataDir, { env: { ...setup.env, PAGE_CACHE_MB: '0' } });
  const timings: Timings = new Map();
  try {
    const index = await (await fetch(`${base}/sitemap.xml`)).text();
    const locs = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    const month = figures.find((f) => f.name === "a month's sitemap");
    if (month) month.urls = locs.filter((l) => l.includes(month.urls[0]!)).slice(0, 1);
    if (month && !month.urls.length) month.urls = [locs[Math.min(12, locs.length - 1)]!];
    for (const f of figures) for (const u of f.urls) await timeOne(base, u); // warm
    const samples = new Map<string, number[]>(figures.map((f) => [f.name, []]));
    for (let i = 0; i < REQUESTS; i++) {
      for (const f of figures) samples.get(f.name)!.push(await timeOne(base, f.urls[i % f.urls.length]!));
    }
    for (const f of figures) {
      const xs = samples.get(f.name)!;
      timings.set(f.name, { p50: percentile(xs, 50), p95: percentile(xs, 95) });
    }
    const rss = rssMb(server.pid!);
    // Where it is, as the server sees it (MB): what the RSS figure is made of.
    const memory = ((await (await fetch(`${base}/healthz`)).json()) as { memory?: Record<string, number> }).memory ?? {};
    const parts = Object.entries(memory)
      .filter(([k]) => k !== 'rss')
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    notes['server RSS after the bench'] = `${rss.toFixed(0)} MB (${parts})`;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }

  if (!EXTRAS) return { timings, notes, plans };
  // Wire ingest of new items into the full archive.
  const wireDir = path.join(setup.dataDir, `wire-${Date.now()}`);
  run(['demo-wire', '--items', String(INGEST_ITEMS), '--out', wireDir, '--seed', String(Date.now() % 100_000)], setup.env);
  const ingest = run(['ingest', wireDir], setup.env);
  timings.set('wire ingest (items/s)', { p50: INGEST_ITEMS / ingest.seconds, p95: NaN });
  notes['wire ingest of 5,000'] = `${ingest.seconds.toFixed(1)} s (${Math.round(INGEST_ITEMS / ingest.seconds)} items/s, whole command): ${ingest.stdout}`;
  fs.rmSync(wireDir, { recursive: true, force: true });

  notes['wiredesk migrate'] = `${run(['migrate'], setup.env).seconds.toFixed(1)} s (nothing pending)`;
  const backupFile = path.join(setup.dataDir, 'backup.db');
  fs.rmSync(backupFile, { force: true });
  if (kind === 'sqlite') {
    const b = run(['backup', backupFile], setup.env);
    notes['wiredesk backup'] = `${b.seconds.toFixed(1)} s, ${(fs.statSync(backupFile).size / 1e9).toFixed(2)} GB`;
  } else if (spawnSync('pg_dump', ['--version']).status === 0) {
    const t = performance.now();
    execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${backupFile}`, setup.env.DATABASE_URL!]);
    notes['backup (pg_dump, as `wiredesk backup` advises)'] =
      `${((performance.now() - t) / 1000).toFixed(1)} s, ${(fs.statSync(backupFile).size / 1e9).toFixed(2)} GB`;
  }
  fs.rmSync(backupFile, { force: true });
  return { timings, notes, plans };
}

const kinds: DatabaseKind[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
console.log(`bench:scale in ${baseDir}: sizes ${SIZES.join(', ')}, ${REQUESTS} requests per figure, one at a time, page cache off`);
for (const kind of kinds) {
  const results = new Map<number, SizeResult>();
  for (const size of SIZES) {
    process.stdout.write(`${kind} ${size}: `);
    const t = performance.now();
    results.set(size, await measure(kind, size));
    console.log(`done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const small = results.get(SIZES[0]!)!;
  const large = results.get(SIZES.at(-1)!)!;
  const rows = [...small.timings.keys()]
    .filter((name) => SIZES.every((size) => results.get(size)!.timings.has(name)))
    .map((name) => {
      const row: Record<string, string> = { figure: name };
      for (const size of SIZES) {
        const t = results.get(size)!.timings.get(name)!;
        row[`${size}`] = Number.isNaN(t.p95) ? t.p50.toFixed(0) : `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;
      }
      row[`p50 ${SIZES.at(-1)}/${SIZES[0]}`] = (large.timings.get(name)!.p50 / small.timings.get(name)!.p50).toFixed(2);
      return row;
    });
  console.log(`\n${kind}: p50 / p95 in ms (ingest in items/s)`);
  console.table(rows);
  for (const size of SIZES) {
    const r = results.get(size)!;
    console.log(
      `${kind} ${size}: ${Object.entries(r.notes)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`,
    );
    console.log(`  listing plans: ${r.plans.length ? r.plans.join('; ') : `all ${listingShapes.length} on their index, no sort`}`);
  }
}
if (!process.env.BENCH_SCALE_DIR) fs.rmSync(baseDir, { recursive: true, force: true });
