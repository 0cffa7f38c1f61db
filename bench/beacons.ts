/**
 * `npm run bench:beacons`: figures for the notes, never a gate. One `wiredesk serve` process over
 * the demo newsroom (plus BENCH_ARTICLES generated stories, none by default):
 *  1. the article page alone, flat out (autocannon): its capacity and the server's CPU per page;
 *  2. the page at a "normal" rate (half its capacity), alone and then with read beacons
 *     (`POST /api/v1/views`) at ten times that rate, in turn BENCH_ROUNDS times (3): the page's
 *     p50/p99 (medians) and the beacons accepted. These runs are open loop, evenly spread
 *     (bench/paced.ts), the beacons sent from a process of their own;
 *  3. the page and the beacons both flat out (autocannon): beacons accepted per second while
 *     pages are served;
 *  4. beacons alone, flat out: their capacity and the server's CPU per beacon.
 * Every beacon comes from a new reader (its own user agent), so the counter accepts it rather
 * than setting it aside as a repeat; the counter's counts come from /healthz. The load runs on
 * the same machine as the server and shares its CPUs.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { ViewCounterStats } from '../src/audience/counter.js';
import { listArticles } from '../src/content/articles.js';
import { articlePath, viewsBeaconPath } from '../src/presentation/urls.js';
import { benchCorpus } from './corpus.js';
import { startBenchServer } from './server.js';
import { beaconFrom, paced, type PacedResult } from './paced.js';

const EXTRA = Number(process.env.BENCH_ARTICLES ?? 0);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PAGE_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BEACON_CONNECTIONS = Number(process.env.BENCH_BEACON_CONNECTIONS ?? 50);
/** The "normal" page rate, as a share of the page's own maximum measured first. */
const NORMAL_SHARE = Number(process.env.BENCH_NORMAL_SHARE ?? 0.5);
/** How many times the page runs alone and with the beacon flood, in turn. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { store, dataDir } = await benchCorpus(EXTRA);
const articles = (await listArticles(store.db, { limit: 100 })).items;
const ids = articles.map((a) => a.id);
await store.close();
const article = articles.find((a) => a.kind === 'news') ?? articles[0]!;

// BENCH_PIN=1 (Linux, taskset, two CPUs or more): the server gets CPU 0 and the load the others.
// Off by default: on a two-CPU machine that is busy with other work, it starves the load.
const cpus = os.cpus().length;
const pin = process.env.BENCH_PIN === '1' && cpus >= 2 && spawnSync('taskset', ['-cp', `1-${cpus - 1}`, String(process.pid)], { stdio: 'ignore' }).status === 0;
const { server, base } = await startBenchServer(root, dataDir, { pinToCpu0: pin });

/** The server's CPU time so far in ms (Linux /proc; null elsewhere): a figure less shaken by
 *  whatever else the machine is doing than latencies are. */
function serverCpuMs(): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s
  } catch {
    return null;
  }
}
const counterStats = async (): Promise<ViewCounterStats> => ((await (await fetch(`${base}/healthz`)).json()) as { views: ViewCounterStats }).views;

let reader = 0;
const beaconFlood = () =>
  autocannon({
    url: base,
    connections: BEACON_CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: 'POST', path: viewsBeaconPath, setupRequest: (request) => ({ ...request, ...beaconFrom(ids, reader++) }) }],
  });

/** Beacons at a steady rate from a process of their own. */
const pacedBeacons = (perSecond: number) =>
  new Promise<PacedResult>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'paced.ts'), base, String(perSecond), String(SECONDS), ids.join(',')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as PacedResult) : reject(new Error(`beacon sender exited with ${code}`))));
  });
const pacedPage = (perSecond: number) =>
  paced(base, perSecond, SECONDS, () => ({ method: 'GET', path: articlePath(article), headers: { 'accept-encoding': 'br' } }));

type Row = Record<string, string | number>;
const rows: Row[] = [];
/** Runs a load, and reports what the counter did meanwhile (after its last write). */
async function measured<T>(
  load: () => Promise<T>,
): Promise<{ result: T; accepted: number; dropped: number; flushed: number; pending: number; cpu: number | null }> {
  const before = await counterStats();
  const cpu = serverCpuMs();
  const result = await load();
  const cpuAfter = serverCpuMs();
  await new Promise((r) => setTimeout(r, 1500));
  const after = await counterStats();
  return {
    result,
    accepted: after.accepted - before.accepted,
    dropped: after.dropped - before.dropped,
    flushed: after.flushed - before.flushed,
    pending: after.pending,
    cpu: cpu === null || cpuAfter === null ? null : cpuAfter - cpu,
  };
}

try {
  await autocannon({ url: base + articlePath(article), connections: 2, duration: 2, headers: { 'accept-encoding': 'br' } }); // warm up
  await beaconFlood(); // warm up the beacon path too (JIT), and fill the counter's memory a little

  const alone = await measured(() =>
    autocannon({ url: base + articlePath(article), connections: PAGE_CONNECTIONS, duration: SECONDS, headers: { 'accept-encoding': 'br' } }),
  );
  const capacity = alone.result.requests.average;
  rows.push({
    run: 'page alone, flat out',
    'page req/s': Math.round(capacity),
    'page p50 ms': alone.result.latency.p50,
    'page p99 ms': alone.result.latency.p99,
    'server CPU': alone.cpu === null ? '' : `${(alone.cpu / alone.result.requests.total).toFixed(2)} ms/page`,
  });

  const normal = Math.max(1, Math.round(capacity * NORMAL_SHARE));
  // Alone and with the flood in turn, ROUNDS times: the machine's own noise shows in the spread.
  const calm: PacedResult[] = [];
  const flooded: PacedResult[] = [];
  const floodBeacons: PacedResult[] = [];
  let floodAccepted = 0;
  let floodDropped = 0;
  let floodWritten = 0;
  for (let round = 0; round < ROUNDS; round++) {
    calm.push((await measured(() => pacedPage(normal))).result);
    const flood = await measured(() => Promise.all([pacedPage(normal), pacedBeacons(normal * 10)]));
    flooded.push(flood.result[0]);
    floodBeacons.push(flood.result[1]);
    floodAccepted += flood.accepted;
    floodDropped += flood.dropped;
    floodWritten += flood.flushed;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
  rows.push({
    run: `page at ${normal}/s (normal), alone ×${ROUNDS}`,
    'page req/s': median(calm.map((r) => r.perSecond)),
    'page p50 ms': median(calm.map((r) => r.p50)),
    'page p99 ms': median(calm.map((r) => r.p99)),
  });
  rows.push({
    run: `page at ${normal}/s + beacons at ${normal * 10}/s (10×) ×${ROUNDS}`,
    'page req/s': median(flooded.map((r) => r.perSecond)),
    'page p50 ms': median(flooded.map((r) => r.p50)),
    'page p99 ms': median(flooded.map((r) => r.p99)),
    'beacons/s': median(floodBeacons.map((r) => r.perSecond)),
    'beacon p99 ms': median(floodBeacons.map((r) => r.p99)),
    'accepted/s': Math.round(floodAccepted / (SECONDS * ROUNDS)),
    dropped: floodDropped,
    written: floodWritten,
  });
  const both = await measured(() =>
    Promise.all([
      autocannon({ url: base + articlePath(article), connections: PAGE_CONNECTIONS, duration: SECONDS, headers: { 'accept-encoding': 'br' } }),
      beaconFlood(),
    ]),
  );
  const [bothPage, bothBeacons] = both.result;
  rows.push({
    run: 'page flat out + beacons flat out',
    'page req/s': Math.round(bothPage.requests.average),
    'page p50 ms': bothPage.latency.p50,
    'page p99 ms': bothPage.latency.p99,
    'beacons/s': Math.round(bothBeacons.requests.average),
    'beacon p99 ms': bothBeacons.latency.p99,
    'accepted/s': Math.round(both.accepted / SECONDS),
    dropped: both.dropped,
    written: both.flushed,
  });

  const beaconsAlone = await measured(() => beaconFlood());
  rows.push({
    run: 'beacons alone, flat out',
    'beacons/s': Math.round(beaconsAlone.result.requests.average),
    'beacon p99 ms': beaconsAlone.result.latency.p99,
    'accepted/s': Math.round(beaconsAlone.accepted / SECONDS),
    dropped: beaconsAlone.dropped,
    written: beaconsAlone.flushed,
    'server CPU': beaconsAlone.cpu === null ? '' : `${Math.round((beaconsAlone.cpu * 1000) / beaconsAlone.result.requests.total)} µs/beacon`,
  });
  const errors =
    [bothPage, bothBeacons, beaconsAlone.result, alone.result].reduce((n, r) => n + r.errors + r.non2xx, 0) +
    [...calm, ...flooded, ...floodBeacons].reduce((n, r) => n + r.errors, 0);
  rows.push({ run: `errors in all runs: ${errors}; still pending at the end: ${beaconsAlone.pending}` });

  console.log(
    `\nArticle page and read beacons, ${SECONDS} s a run, one server process${pin ? ' on CPU 0, the load on the other CPUs' : ''} (${PAGE_CONNECTIONS} page connections and ${BEACON_CONNECTIONS} beacon connections when flat out; paced runs send evenly spread requests, open loop):`,
  );
  console.table(rows);
  console.log(
    `Article page at the normal rate (${normal}/s), p99 per round: alone ${list(calm.map((r) => r.p99))} ms; with beacons at 10× ${list(flooded.map((r) => r.p99))} ms.`,
  );
  console.log(
    `Medians: p50 ${median(calm.map((r) => r.p50))} → ${median(flooded.map((r) => r.p50))} ms, p99 ${median(calm.map((r) => r.p99))} → ${median(flooded.map((r) => r.p99))} ms.`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
