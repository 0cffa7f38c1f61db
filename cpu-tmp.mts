import { spawn } from 'node:child_process';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { buildApp } from './src/app.ts';
import { loadConfig } from './src/config.ts';
import { openDatabase } from './src/db/bootstrap.ts';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpu-'));
const store = await openDatabase({ database: { kind: 'sqlite', file: path.join(dir, 'w.db') } });
const app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir: dir, database: { kind: 'sqlite', file: path.join(dir, 'w.db') } }, store });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
for (let i = 0; i < 2; i++) for (const [name, url, extra] of [['beacon', base + '/api/v1/views', ['-m', 'POST', '-b', '1', '-H', 'content-type=text/plain', '-H', 'user-agent=Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0 Safari/537.36']], ['404 json', base + '/api/v1/nothing', []]] as const) {
  const u0 = process.cpuUsage();
  const child = spawn('npx', ['autocannon', '-c', '50', '-d', '5', '-j', ...extra, url], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = ''; child.stdout.on('data', (d) => (out += d));
  await new Promise((r) => child.on('exit', r));
  const u = process.cpuUsage(u0);
  const r = JSON.parse(out);
  console.log(name, r.requests.total, 'req', ((u.user + u.system) / r.requests.total).toFixed(0), 'µs CPU/req');
}
await app.close();
