/**
 * `npm run bench:ingest`: figures for the notes, never a gate. How fast `wiredesk ingest` takes
 * agency copy into a database that already holds 100,000 wire items (BENCH_WIRE_STORED), and how
 * much memory it needs.
 *
 * 1. A fresh SQLite database in a temporary folder, with the demo sectors and editions.
 * 2. Prefill: a demo-wire stream is generated in memory; its first BENCH_WIRE_SAMPLE items (2,000)
 *    go through the real ingest path (parse + ingestWireItem), so every table and index ingest
 *    writes is filled as ingest fills it. Those rows are then copied by SQL, round after round,
 *    until the database holds the stored total: stories, their sectors, countries, sources and
 *    search index, wire items and whatever else refers to them (found from the foreign keys,
 *    so new tables come along), each copy with new ids and item ids, and its times moved back
 *    beyond the duplicate window so that old copies are history rather than duplicates.
 * 3. The rest of the same stream (BENCH_WIRE_NEW, about 5,000 items: new items, later versions,
 *    re-sends, other agencies' reports of the same events) is written to files and ingested by
 *    a separate process, pinned to one CPU where `taskset` exists, through ingestInputs, the code
 *    `wiredesk ingest` runs. That process reports its time, its peak RSS and a sampled peak heap.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/ops/bootstrap.js';
import { saveReferenceTaxonomy } from '../src/content/reference-taxonomy.js';
import { generateDemoWire } from '../src/demo/demo-wire.js';
import { emptySummary } from '../src/wire/ingest.js';
import { parseWire } from '../src/wire/parse.js';
import { ingestInputs, ingestParsed } from '../src/wire/run.js';

const STORED = Number(process.env.BENCH_WIRE_STORED ?? 100_000);
const NEW = Number(process.env.BENCH_WIRE_NEW ?? 5_000);
const SAMPLE = Math.min(STORED, Number(process.env.BENCH_WIRE_SAMPLE ?? 2_000));
const SEED = Number(process.env.BENCH_WIRE_SEED ?? 1);
const TARGET = 500;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface Measured {
  items: number;
  ms: number;
  parseMs: number;
  maxRssKb: number;
  heapPeak: number;
  summary: ReturnType<typeof emptySummary>;
  storedAfter: number;
}

/** The measuring process: ingest the folder into the database, as `wiredesk ingest` does. */
async function measure(file: string, dir: string): Promise<void> {
  // SQLITE_CACHE_MB applies, as it does to `wiredesk ingest`.
  const store = await openDatabase({ database: { kind: 'sqlite', file }, sqliteCacheBytes: loadConfig().sqliteCacheBytes });
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  let items = 0;
  const started = performance.now();
  const summary = await ingestInputs(store.db, [dir], { onProgress: (done) => (items = done) });
  const ms = performance.now() - started;
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  // Parsing alone, afterwards (so it does not warm up the run above).
  const parseStarted = performance.now();
  for (const name of fs.readdirSync(dir).sort()) parseWire(fs.readFileSync(path.join(dir, name)));
  const parseMs = performance.now() - parseStarted;
  const storedAfter = Number(
    (
      await store.db
        .selectFrom('wire_items')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  await store.close();
  const result: Measured = {
    items,
    ms,
    parseMs,
    maxRssKb: process.resourceUsage().maxRSS,
    heapPeak,
    summary: { ...summary, rejected: summary.rejected.slice(0, 5) },
    storedAfter,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Copies the sample's stories and wire items (and every row that refers to them) `rounds` times.
 * Copy k gets ids + k·OFFSET, item ids and slugs + "-c<k>", and every ISO time moved
 * k·shiftDays back.
 */
function cloneSample(file: string, rounds: number, shiftDays: number): number {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  raw.pragma('foreign_keys = OFF');
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const tables = raw.prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string; sql: string }[];
  const virtual = new Set(tables.filter((t) => /^create virtual/i.test(t.sql)).map((t) => t.name));
  const plain = tables.filter((t) => !virtual.has(t.name) && ![...virtual].some((v) => t.name.startsWith(`${v}_`))).map((t) => t.name);
  const fks = new Map(plain.map((t) => [t, raw.prepare(`select "from", "table" from pragma_foreign_key_list(?)`).all(t) as { from: string; table: string }[]]));
  const cloned = new Set(['articles', 'wire_items']);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of plain) if (!cloned.has(t) && fks.get(t)!.some((fk) => cloned.has(fk.table))) (cloned.add(t), (grew = true));
  }
  const maxId = new Map<string, number>();
  const columnsOf = (t: string) => raw.prepare(`select name, type, pk from pragma_table_info(?)`).all(t) as { name: string; type: string; pk: number }[];
  for (const t of cloned)
    if (columnsOf(t).some((c) => c.name === 'id' && c.pk === 1))
      maxId.set(
        t,
        Number(
          raw
            .prepare(`select coalesce(max(id), 0) from ${q(t)}`)
            .pluck()
            .get(),
        ),
      );
  const offset = 10 ** Math.max(6, String(Math.max(...maxId.values())).length + 1);
  const plans: { sql: (k: number) => string }[] = [];
  for (const t of cloned) {
    const columns = columnsOf(t);
    const refs = new Map(
      fks
        .get(t)!
        .filter((fk) => cloned.has(fk.table))
        .map((fk) => [fk.from, fk.table]),
    );
    const offsetCols = new Set(columns.filter((c) => (c.name === 'id' && c.pk === 1) || refs.has(c.name)).map((c) => c.name));
    // Item ids everywhere, and the last text column of a unique index that has no id in it
    // (wire_items' agency + item_id + version, articles' slug).
    const suffixCols = new Set<string>(columns.filter((c) => c.name === 'item_id').map((c) => c.name));
    for (const index of raw.prepare(`select name from pragma_index_list(?) where "unique" = 1`).pluck().all(t) as string[]) {
      const cols = raw.prepare(`select name from pragma_index_info(?)`).pluck().all(index) as string[];
      const text = cols.filter((c) => /text/i.test(columns.find((x) => x.name === c)?.type ?? ''));
      if (!cols.some((c) => offsetCols.has(c)) && text.length) suffixCols.add(text.at(-1)!);
    }
    const own = maxId.has(t) ? `id <= ${maxId.get(t)}` : ([...refs].map(([col, parent]) => `${q(col)} <= ${maxId.get(parent) ?? 0}`)[0] ?? '0');
    plans.push({
      sql: (k) => {
        const exprs = columns.map((c) => {
          const n = q(c.name);
          if (offsetCols.has(c.name)) return `${n} + ${k * offset}`;
          // The duplicate index's day number moves back with the times.
          if (c.name === 'version_day') return `${n} - ${k * shiftDays}`;
          if (suffixCols.has(c.name)) return `${n} || '-c${k}'`;
          if (/text|^$/i.test(c.type))
            return `case when ${n} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z' then strftime('%Y-%m-%dT%H:%M:%fZ', ${n}, '-${k * shiftDays} days') else ${n} end`;
          return n;
        });
        return `insert into ${q(t)} (${columns.map((c) => q(c.name)).join(', ')}) select ${exprs.join(', ')} from ${q(t)} where ${own}`;
      },
    });
  }
  if (virtual.has('article_search')) {
    plans.push({
      sql: (k) =>
        `insert into article_search (rowid, headline, standfirst, body, tags) select rowid + ${k * offset}, headline, standfirst, body, tags from article_search where rowid <= ${maxId.get('articles')}`,
    });
  }
  for (let k = 1; k <= rounds; k++) raw.transaction(() => plans.forEach((p) => raw.prepare(p.sql(k)).run()))();
  // Document frequencies (no foreign key to follow): each copy counts its terms again.
  if (plain.includes('wire_terms')) raw.prepare(`update wire_terms set documents = documents * ${rounds + 1}`).run();
  const total = Number(raw.prepare('select count(*) from wire_items').pluck().get());
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return total;
}

/** Who the audit log says set up the bench's taxonomy. */
const BENCH_ACTOR = { name: 'bench', userId: null };

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-bench-ingest-'));
  const file = path.join(dataDir, 'wiredesk.db');
  const phases: Record<string, string | number>[] = [];
  try {
    let t = performance.now();
    const store = await openDatabase({ database: { kind: 'sqlite', file } });
    await saveReferenceTaxonomy(store.db, BENCH_ACTOR);
    const { files, manifest } = generateDemoWire({ items: SAMPLE + NEW, seed: SEED });
    let cut = 0;
    for (let sum = 0; cut < files.length && sum < SAMPLE; cut++) sum += files[cut]!.items;
    const sampleFiles = files.slice(0, cut);
    const newFiles = files.slice(cut);
    const newDir = path.join(dataDir, 'stream');
    fs.mkdirSync(newDir);
    for (const f of newFiles) fs.writeFileSync(path.join(newDir, f.name), f.render());
    phases.push({ phase: 'generate the stream', items: SAMPLE + NEW, seconds: ((performance.now() - t) / 1000).toFixed(1), 'items/s': '' });

    t = performance.now();
    const summary = emptySummary();
    let sampleItems = 0;
    for (const f of sampleFiles) {
      const parsed = parseWire(f.render());
      sampleItems += parsed.items.length;
      await ingestParsed(store.db, parsed, f.name, summary, {});
    }
    const sampleRows = Number(
      (
        await store.db
          .selectFrom('wire_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await store.close();
    const sampleSeconds = (performance.now() - t) / 1000;
    phases.push({
      phase: 'prefill: sample through ingest',
      items: sampleItems,
      seconds: sampleSeconds.toFixed(1),
      'items/s': fmt(sampleItems / sampleSeconds),
    });
    if (summary.rejected.length) throw new Error(`the sample had rejected items: ${JSON.stringify(summary.rejected.slice(0, 3))}`);

    t = performance.now();
    const sampleEnd = Date.parse(manifest.end);
    const spanDays = Math.ceil((sampleEnd - Date.parse(manifest.start)) / 86_400_000) + 3;
    const rounds = Math.max(0, Math.round(STORED / Math.max(1, sampleRows)) - 1);
    const stored = cloneSample(file, rounds, spanDays);
    phases.push({ phase: `prefill: ${rounds} copies by SQL`, items: stored - sampleRows, seconds: ((performance.now() - t) / 1000).toFixed(1), 'items/s': '' });

    // BENCH_WIRE_SAVE=<dir>: a copy of the prefilled database and of the stream is kept there, to
    // profile the measured step again without filling anew.
    if (process.env.BENCH_WIRE_SAVE) {
      fs.mkdirSync(process.env.BENCH_WIRE_SAVE, { recursive: true });
      fs.copyFileSync(file, path.join(process.env.BENCH_WIRE_SAVE, 'wiredesk.db'));
      fs.cpSync(newDir, path.join(process.env.BENCH_WIRE_SAVE, 'stream'), { recursive: true });
    }
    const pin = process.platform === 'linux' && fs.existsSync('/usr/bin/taskset');
    // BENCH_WIRE_PROFILE=<dir>: the measured process writes a CPU profile there.
    const profile = process.env.BENCH_WIRE_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WIRE_PROFILE}`] : [];
    const args = [...profile, '--import', 'tsx', path.join(root, 'bench', 'ingest.ts'), '--measure', file, newDir];
    const child = spawn(pin ? '/usr/bin/taskset' : process.execPath, pin ? ['-c', '0', process.execPath, ...args] : args, {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the measuring process exited with ${code}`);
    const m = JSON.parse(out.trim().split('\n').at(-1)!) as Measured;
    phases.push({ phase: 'ingest the new stream (measured)', items: m.items, seconds: (m.ms / 1000).toFixed(1), 'items/s': fmt((m.items / m.ms) * 1000) });

    console.log(`Wire ingest on SQLite: ${fmt(stored)} wire items stored before, then ${fmt(m.items)} more (seed ${SEED}).`);
    console.table(phases);
    const s = m.summary;
    const rate = (m.items / m.ms) * 1000;
    console.table([
      { measure: 'items/s, parse + ingestWireItem (target ≥ 500)', value: `${fmt(rate)} ${rate >= TARGET ? '(meets the target)' : '(below the target)'}` },
      { measure: 'ms per item', value: (m.ms / m.items).toFixed(2) },
      { measure: 'items/s, parsing alone', value: fmt((m.items / m.parseMs) * 1000) },
      {
        measure: 'outcomes',
        value: `new ${s.new}, updated ${s.updated}, merged ${s.merged}, ignored ${s.ignored}, withheld ${s.withheld}, canceled ${s.canceled}, rejected ${s.rejected.length}`,
      },
      { measure: 'wire items stored after', value: fmt(m.storedAfter) },
      { measure: 'peak RSS (maxRSS)', value: mb(m.maxRssKb * 1024) },
      { measure: 'peak heapUsed (sampled every 20 ms)', value: mb(m.heapPeak) },
      { measure: 'CPU', value: pin ? 'pinned to CPU 0 (taskset)' : 'one process, not pinned' },
    ]);
  } finally {
    if (process.env.BENCH_WIRE_KEEP) console.log(`The database and the stream are kept in ${dataDir}.`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') await measure(process.argv[3]!, process.argv[4]!);
else await main();
