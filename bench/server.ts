import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * `wiredesk serve` in its own process over a prepared DATA_DIR, for the HTTP benchmarks; resolves
 * with the address it serves once it says so. `pinToCpu0` runs it under `taskset -c 0`.
 */
export async function startBenchServer(
  root: string,
  dataDir: string,
  options: { pinToCpu0?: boolean; env?: Record<string, string>; args?: string[] } = {},
): Promise<{ server: ChildProcessByStdio<null, Readable, null>; base: string }> {
  const command = [process.execPath, path.join(root, 'bin', 'wiredesk.js'), 'serve', ...(options.args ?? [])];
  const server = spawn(options.pinToCpu0 ? 'taskset' : command[0]!, options.pinToCpu0 ? ['-c', '0', ...command] : command.slice(1), {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { server, base };
}

/** A process's resident memory in MB, as the kernel counts it (0 when it cannot be read). */
export const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
