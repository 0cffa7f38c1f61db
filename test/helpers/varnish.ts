import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The VCL the project ships. */
export const WIREDESK_VCL = fileURLToPath(new URL('../../ops/varnish/wiredesk.vcl', import.meta.url));

/** Where a Varnish program is: on PATH, or in /usr/sbin (Debian puts varnishd there, outside a user's PATH). */
function which(program: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'].filter(Boolean);
  for (const dir of dirs) {
    const file = path.join(dir, program);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** True when varnishd (with varnishadm and varnishstat) is installed. */
export function varnishAvailable(): boolean {
  return which('varnishd') !== null && which('varnishadm') !== null && which('varnishstat') !== null;
}

export interface TestVarnish {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** varnishstat's counters: MAIN.cache_hit, MAIN.cache_miss, MAIN.n_object, … */
  stats(): Promise<Record<string, number>>;
  /** A varnishadm command's output, e.g. adm('backend.list'). */
  adm(...command: string[]): Promise<string>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts varnishd in the foreground on a free port of 127.0.0.1 with `vclPath` (the project's
 *  VCL by default), its backend pointed at 127.0.0.1:`backendPort`, in a temporary working dir. */
export async function startVarnish(options: { backendPort: number; vclPath?: string }): Promise<TestVarnish> {
  const varnishd = which('varnishd');
  const varnishadm = which('varnishadm');
  const varnishstat = which('varnishstat');
  if (!varnishd || !varnishadm || !varnishstat) throw new Error('varnishd, varnishadm and varnishstat are needed (apt-get install varnish varnish-modules)');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-varnish-'));
  fs.chmodSync(dir, 0o755); // varnishd's workers run as its own user
  const workdir = path.join(dir, 'n');
  const vcl = path.join(dir, 'wiredesk.vcl');
  const source = fs.readFileSync(options.vclPath ?? WIREDESK_VCL, 'utf8');
  const withPort = source.replace(/(backend\s+default\s*\{[^}]*?\.port\s*=\s*")\d+(")/, `$1${options.backendPort}$2`);
  if (withPort === source) throw new Error('the VCL has no `.port = "…"` in `backend default` to point at the test origin');
  fs.writeFileSync(vcl, withPort, { mode: 0o644 });

  const args = ['-F', '-n', workdir, '-a', '127.0.0.1:0', '-T', '127.0.0.1:0', '-f', vcl, '-s', 'malloc,64m'];
  // As the README says to run it; few threads, the machine is shared.
  args.push('-p', 'http_gzip_support=off', '-p', 'thread_pools=1', '-p', 'thread_pool_min=5', '-p', 'thread_pool_max=50');
  const child = spawn(varnishd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
    running.delete(child);
  });

  const adm = async (...command: string[]) => (await run(varnishadm, ['-n', workdir, ...command], { timeout: 10_000 })).stdout;
  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  // Ready when the child listens: its address says which port it was given.
  const deadline = Date.now() + 30_000;
  let port = 0;
  while (!port) {
    if (gone) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`varnishd exited:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`varnishd did not start within 30 s:\n${output}`);
    }
    try {
      const listen = await adm('debug.listen_address');
      port = Number(/127\.0\.0\.1 (\d+)/.exec(listen)?.[1] ?? 0);
    } catch {
      // not up yet
    }
    if (!port) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    adm,
    async stats() {
      const { stdout } = await run(varnishstat, ['-n', workdir, '-1', '-j'], { timeout: 10_000, maxBuffer: 16 * 1024 * 1024 });
      const parsed = JSON.parse(stdout) as Record<string, unknown>;
      // varnishstat 6.5+ nests the counters under "counters"; older ones put them at the top.
      const counters = (parsed.counters ?? parsed) as Record<string, { value?: unknown }>;
      const out: Record<string, number> = {};
      for (const [name, counter] of Object.entries(counters)) {
        if (typeof counter === 'object' && counter !== null && typeof counter.value === 'number') out[name] = counter.value;
      }
      return out;
    },
    stop,
  };
}
