import fs from 'node:fs';
import path from 'node:path';
import { type KyselyPlugin } from 'kysely';
import { listCountries, saveEdition, saveSector, setCountryEdition } from '/work/main/src/content/taxonomy.js';
import { openDatabase } from '/work/main/src/db/bootstrap.js';
import { demoEditionOf, demoEditions, demoSectors } from '/work/main/src/db/demo/taxonomy.js';
import { generateDemoWire } from '/work/main/src/wire/demo-wire.js';
import { ingestInputs } from '/work/main/src/wire/run.js';
const dir = '/tmp/qc'; fs.rmSync(dir, { recursive: true, force: true }); fs.mkdirSync(dir + '/s', { recursive: true });
const BIG = process.env.BIG;
if (BIG) fs.copyFileSync('/tmp/ingsave/wiredesk.db', dir + '/db.sqlite');
const url = process.env.PG;
const store = await openDatabase({ database: url ? { kind: 'postgres', url } : { kind: 'sqlite', file: dir + '/db.sqlite' } });
if (!BIG) for (const s of demoSectors) await saveSector(store.db, s);
if (!BIG) for (const e of demoEditions) await saveEdition(store.db, e);
if (!BIG) for (const c of await listCountries(store.db)) { const e = demoEditionOf(c); if (e) await setCountryEdition(store.db, c.code, e); }
const { files } = generateDemoWire({ items: 1500, seed: 3 });
if (!BIG) for (const f of files) fs.writeFileSync(path.join(dir, 's', f.name), f.render());
const counts = new Map<string, number>();
import Database from 'better-sqlite3';
const proto = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'));
const times = new Map<string, [number, number]>();
for (const m of ['all', 'run', 'get', 'iterate']) {
  const orig = proto[m];
  proto[m] = function (this: any, ...a: unknown[]) { const t0 = performance.now(); try { return orig.apply(this, a); } finally { const k = String(this.source).replace(/\s+/g, ' ').replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(…)').slice(0, 110); const e = times.get(k) ?? [0, 0]; e[0] += performance.now() - t0; e[1]++; times.set(k, e); } };
}
let n = 0;
const plugin: KyselyPlugin = {
  transformQuery(args) { n++; const node = args.node as any; const k = `${node.kind} ${JSON.stringify(node.from?.froms?.[0]?.table?.identifier?.name ?? node.into?.table?.identifier?.name ?? node.table?.table?.identifier?.name ?? '')}`; counts.set(k, (counts.get(k) ?? 0) + 1); return args.node; },
  async transformResult(args) { return args.result; },
};
const db = store.db.withPlugin(plugin);
const t = performance.now();
let items = 0;
const summary = await ingestInputs(db, [BIG ? '/tmp/ingsave/stream' : dir + '/s'], { onProgress: (d) => (items = d) });
const ms = performance.now() - t;
console.log({ items, ms: Math.round(ms), perItem: (ms / items).toFixed(2), queries: n, perItemQ: (n / items).toFixed(1), s: { ...summary, rejected: summary.rejected.length } });
console.log([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${(v / items).toFixed(2)} ${k}`).join('\n'));
console.log([...times].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30).map(([k, [ms, c]]) => `${(ms / items * 1000).toFixed(0).padStart(5)}us/item ${String(c).padStart(6)} ${k}`).join('\n'));
await store.close();
