/**
 * `npm run soak [-- --minutes 10] [--readers 4] [--database postgres://…]`: one `wiredesk serve`
 * process under mixed traffic for as long as asked, for the notes, never a gate.
 *
 * Readers run closed loops (each sends its next request when the last one is answered), so the
 * load is what one process sustains: article pages, fronts, sectors, countries, editions,
 * listings, search and feeds. Beside them, at steady rates: read beacons from new readers,
 * newsletter sign-ups from many addresses (TRUST_PROXY with X-Forwarded-For), an editor who signs
 * in through the form and saves stories through the editor, and agency files dropped into a
 * watched folder. Every minute it prints what was answered, the errors (5xx, a refused
 * connection, or any status the request should not get), p50/p99 and the server's RSS; at the end
 * the totals and whether RSS stayed flat after the first two minutes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { DatabaseTarget } from '../src/config.js';
import { createUser } from '../src/content/users.js';
import { openDatabase } from '../src/ops/bootstrap.js';
import { seedDemo } from '../src/demo/seed.js';
import { articlePath, countryPath, editionPath, newsletterPath, sectorPath, viewsBeaconPath } from '../src/presentation/urls.js';
import { generateDemoWire } from '../src/demo/demo-wire.js';
import { addSource } from '../src/wire/sources.js';
import { startBenchServer } from './server.js';

const { values: args } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, readers: { type: 'string', default: '4' }, database: { type: 'string' } },
});
const MINUTES = Number(args.minutes);
const READERS = Number(args.readers);
if (!(MINUTES > 0) || !(READERS >= 1)) throw new Error('--minutes and --readers must be positive numbers');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SITE = 'http://soak.example.org';
const PASSWORD = 'a soak test password of some length';

// ── The site: the demo newsroom, an editor, a watched drop folder outside DATA_DIR ──────────
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-soak-'));
const dropDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-soak-drop-'));
const database: DatabaseTarget = args.database ? { kind: 'postgres', url: args.database } : { kind: 'sqlite', file: path.join(dataDir, 'wiredesk.db') };
const store = await openDatabase({ database });
await seedDemo(store.db, { dataDir, onlyIfEmpty: true });
const actor = { name: 'soak', userId: null };
const editorEmail = `soak-${process.pid}@example.org`;
await createUser(store.db, { email: editorEmail, displayName: 'Soak Editor', role: 'editor', password: PASSWORD }, actor);
await addSource(store.db, { name: `Soak wire ${process.pid}`, agency: 'Meridian News Agency', folder: dropDir }, actor, { places: { dataDir } });
const published = await store.db.selectFrom('articles').select(['id', 'slug']).where('status', '=', 'published').execute();
const sectors = (await store.db.selectFrom('sectors').select('slug').execute()).map((s) => s.slug);
const editions = (await store.db.selectFrom('editions').select('slug').execute()).map((e) => e.slug);
const countries = (
  await sql<{ slug: string }>`select distinct c.slug from countries c join article_countries x on x.country_code = c.code`.execute(store.db)
).rows.map((r) => r.slug);
await store.close();
const wireFiles = generateDemoWire({ items: 60 * MINUTES * 10, seed: 7, start: new Date().toISOString() }).files;

const env: Record<string, string> = { SITE_URL: SITE, TRUST_PROXY: '1', LOG_LEVEL: 'warn', ...(args.database ? { DATABASE_URL: args.database } : {}) };
const { server, base } = await startBenchServer(root, dataDir, { env });
// The server goes when the soak does, however it ends.
process.on('exit', () => server.kill('SIGTERM'));
const target = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: READERS + 16 });

// ── Requests and what each should get ──────────────────────────────────────────────────────
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}
interface Outcome {
  kind: string;
  ms: number;
  ok: boolean;
}
let outcomes: Outcome[] = [];
const errorsSeen = new Map<string, number>();

function request(method: 'GET' | 'POST', pathAndQuery: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method,
        path: pathAndQuery,
        headers: { 'accept-encoding': 'br', ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res.headers['content-encoding'] ? '' : Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one request and records it: an error is any status outside `expected`, or no answer. */
async function timed(kind: string, expected: readonly number[], send: () => Promise<Answer>): Promise<Answer | null> {
  const t0 = performance.now();
  try {
    const answer = await send();
    const ok = expected.includes(answer.status);
    outcomes.push({ kind, ms: performance.now() - t0, ok });
    if (!ok) errorsSeen.set(`${kind} ${answer.status}`, (errorsSeen.get(`${kind} ${answer.status}`) ?? 0) + 1);
    return answer;
  } catch (error) {
    outcomes.push({ kind, ms: performance.now() - t0, ok: false });
    errorsSeen.set(`${kind} ${(error as Error).message}`, (errorsSeen.get(`${kind} ${(error as Error).message}`) ?? 0) + 1);
    return null;
  }
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
const words = ['water', 'school', 'clinic', 'harvest', 'election', 'bridge', 'vaccine', 'solar', 'rainfall', 'market', 'teachers', 'port'];
const readerPages: [number, string, () => string][] = [
  [40, 'article', () => articlePath(pick(published))],
  [8, 'front', () => '/'],
  [8, 'sector', () => sectorPath(pick(sectors))],
  [8, 'country', () => countryPath(pick(countries))],
  [5, 'edition', () => editionPath(pick(editions))],
  [5, 'listing', () => pick(['/latest', '/opinion', '/shots', '/countries'])],
  [12, 'search', () => `/search?q=${encodeURIComponent(Math.random() < 0.2 ? `"${pick(words)} ${pick(words)}"` : pick(words))}`],
  [10, 'feed', () => pick(['/rss.xml', '/atom.xml', '/feed.json', '/news-sitemap.xml', '/sitemap.xml', '/api/v1/items?limit=20'])],
];
const totalWeight = readerPages.reduce((n, [w]) => n + w, 0);
function nextPage(): [string, string] {
  let r = Math.random() * totalWeight;
  for (const [w, kind, make] of readerPages) if ((r -= w) < 0) return [kind, make()];
  return ['front', '/'];
}

let running = true;
const reader = async () => {
  while (running) {
    const [kind, url] = nextPage();
    // The default edition's address moves to the front page (301).
    await timed(kind, kind === 'edition' ? [200, 301] : [200], () => request('GET', url));
  }
};

/** Runs `fire` `perSecond` times a second, evenly spread, without waiting for its answers. */
const steady = (perSecond: number, fire: (i: number) => Promise<unknown>) => {
  let i = 0;
  const timer = setInterval(() => void fire(i++), 1000 / perSecond);
  return () => clearInterval(timer);
};

const beacons = steady(20, (i) =>
  timed('beacon', [204], () =>
    request(
      'POST',
      viewsBeaconPath,
      { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': `Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.${i}.${process.pid} Safari/537.36` },
      String(pick(published).id),
    ),
  ),
);
const signUps = steady(1, (i) =>
  timed('sign-up', [200], () =>
    request(
      'POST',
      newsletterPath,
      { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      new URLSearchParams({ email: `reader-${process.pid}-${i}@example.org`, editions: editions[0]! }).toString(),
    ),
  ),
);

// ── The editor: signs in through the form, then opens and saves stories ───────────────────
const cookies = new Map<string, string>();
const keepCookies = (answer: Answer | null) => {
  for (const line of [answer?.headers['set-cookie'] ?? []].flat()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
};
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : null;
};

/** The fields a browser would send from the form whose action is `action`. */
function formFields(html: string, action: string): URLSearchParams {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form for ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields = new URLSearchParams();
  for (const m of form.matchAll(/<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g)) {
    const tag = m[0];
    const name = attr(tag, 'name');
    if (!name) continue;
    if (tag.startsWith('<textarea')) fields.append(name, unescape(m[1]!.replace(/^\n/, '')));
    else if (tag.startsWith('<select')) {
      const option = /<option\b[^>]*\sselected[^>]*>/.exec(m[2]!) ?? /<option\b[^>]*>/.exec(m[2]!);
      if (option) fields.append(name, attr(option[0], 'value') ?? '');
    } else {
      const type = attr(tag, 'type') ?? 'text';
      if (type === 'file' || type === 'submit') continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(tag)) continue;
      fields.append(name, attr(tag, 'value') ?? '');
    }
  }
  return fields;
}

// The editor's pages are read, so they come uncompressed.
const asEditor = () => ({ 'accept-encoding': 'identity', cookie: cookieHeader() });
const form = () => ({ ...asEditor(), 'content-type': 'application/x-www-form-urlencoded', origin: SITE });
async function signIn(): Promise<void> {
  const page = await timed('desk', [200], () => request('GET', '/newsroom/sign-in', asEditor()));
  keepCookies(page);
  const fields = formFields(page!.body, '/newsroom/sign-in');
  fields.set('email', editorEmail);
  fields.set('password', PASSWORD);
  keepCookies(await timed('desk', [303], () => request('POST', '/newsroom/sign-in', form(), fields.toString())));
}
await signIn();
let saves = 0;
const desk = steady(0.5, async () => {
  const story = pick(published);
  const editor = `/newsroom/articles/${story.id}`;
  const page = await timed('desk', [200], () => request('GET', editor, asEditor()));
  if (!page || page.status !== 200) return;
  const fields = formFields(page.body, editor);
  fields.set('standfirst', `${fields.get('standfirst')!.replace(/ \(checked \d+\)$/, '')} (checked ${++saves})`.slice(0, 1000));
  await timed('save', [303], () => request('POST', editor, form(), fields.toString()));
});

// ── The wire: one agency file into the watched folder every 20 s ──────────────────────────
let dropped = 0;
const wire = steady(1 / 20, async () => {
  const file = wireFiles[dropped++ % wireFiles.length]!;
  const part = path.join(dropDir, `${file.name}.part`);
  fs.writeFileSync(part, file.render());
  fs.renameSync(part, path.join(dropDir, `${dropped}-${file.name}`));
});

// ── Every minute: what was answered, the errors, latencies and RSS ────────────────────────
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);
const minutes: { minute: number; requests: number; errors: number; p50: number; p99: number; rss: number; heapUsed: number; heapTotal: number }[] = [];
console.log(
  `Soak: ${MINUTES} min, ${READERS} readers in closed loops, beacons 20/s, sign-ups 1/s, an editor's save every 2 s, an agency file every 20 s; ${store.description}; ${published.length} published stories`,
);
console.log(`Server RSS at start: ${rssMb().toFixed(0)} MB`);
const readers = Array.from({ length: READERS }, reader);
for (let minute = 1; minute <= MINUTES; minute++) {
  await new Promise((r) => setTimeout(r, 60_000));
  const batch = outcomes;
  outcomes = [];
  const ms = batch.map((o) => o.ms).sort((a, b) => a - b);
  const rss = rssMb();
  const health = JSON.parse((await request('GET', '/healthz', { 'accept-encoding': 'identity' })).body) as {
    memory: Record<string, number>;
    pageCache: { bytes?: number };
  };
  const memory = { heapUsed: health.memory.heapUsed ?? 0, heapTotal: health.memory.heapTotal ?? 0 };
  const row = { minute, requests: batch.length, errors: batch.filter((o) => !o.ok).length, p50: percentile(ms, 50), p99: percentile(ms, 99), rss, ...memory };
  minutes.push(row);
  const kinds = [...new Set(batch.map((o) => o.kind))].map((k) => `${k} ${batch.filter((o) => o.kind === k).length}`).join(', ');
  console.log(
    `minute ${minute}: ${row.requests} requests (${(row.requests / 60).toFixed(0)}/s: ${kinds}), ${row.errors} errors, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, RSS ${row.rss.toFixed(0)} MB (V8 heap ${health.memory.heapUsed}/${health.memory.heapTotal}, external ${health.memory.external}, page cache ${((health.pageCache.bytes ?? 0) / 1e6).toFixed(1)} MB)`,
  );
}
running = false;
for (const stop of [beacons, signUps, desk, wire]) stop();
await Promise.all(readers);

const ingested = (() => {
  try {
    return execFileSync(process.execPath, [path.join(root, 'bin', 'wiredesk.js'), 'sources', 'list', '--json'], {
      env: { ...process.env, DATA_DIR: dataDir, ...env, LOG_LEVEL: 'silent' },
    }).toString();
  } catch {
    return '';
  }
})();
// The data goes once the server has stopped writing to it (an illustration may be half-written).
await new Promise<void>((resolve) => {
  if (server.exitCode !== null || server.signalCode !== null) return resolve();
  server.once('exit', () => resolve());
  server.kill('SIGTERM');
});
const total = minutes.reduce((n, m) => n + m.requests, 0);
const errors = minutes.reduce((n, m) => n + m.errors, 0);
const settled = minutes.slice(2);
console.log(
  `\nTotal: ${total} requests, ${errors} errors${errorsSeen.size ? ` (${[...errorsSeen].map(([k, n]) => `${k}: ${n}`).join('; ')})` : ''}; ${saves} saves; ${dropped} agency files dropped`,
);
if (ingested) console.log(`Sources: ${ingested.trim().slice(0, 600)}`);
console.log(`p99 by minute: ${minutes.map((m) => m.p99.toFixed(0)).join(' ')} ms`);
console.log(`RSS by minute: ${minutes.map((m) => m.rss.toFixed(0)).join(' ')} MB`);
if (settled.length >= 2) {
  const growth = settled.at(-1)!.rss - settled[0]!.rss;
  console.log(
    `RSS from minute 3 to the end: ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB (${Math.abs(growth) <= 15 ? 'flat' : 'not flat'}); max ${Math.max(...minutes.map((m) => m.rss)).toFixed(0)} MB`,
  );
  // Where RSS moves: V8 keeps freed heap committed for a while, so RSS can swing with the
  // heap's committed size while what is live (heap used) and what lives outside it stay put.
  const outside = settled.map((m) => m.rss - m.heapTotal);
  console.log(
    `V8 heap used by minute: ${minutes.map((m) => m.heapUsed.toFixed(0)).join(' ')} MB; committed: ${minutes.map((m) => m.heapTotal.toFixed(0)).join(' ')} MB`,
  );
  console.log(
    `Outside the V8 heap (RSS − committed heap) from minute 3: ${outside.map((n) => n.toFixed(0)).join(' ')} MB, spread ${(Math.max(...outside) - Math.min(...outside)).toFixed(0)} MB`,
  );
}
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(dropDir, { recursive: true, force: true });
process.exit(0);
