import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child process of the fault tests: killed with SIGKILL, or left to finish. */
export interface Child {
  exited: boolean;
  result: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(): void;
}

/** Starts a TypeScript file of the tests (through tsx) with a clean environment plus `env`. */
export const startChild = (file: string, env: Record<string, string>): Child => startNode(['--import', 'tsx', file], env);

/** Starts node with `args` and a clean environment plus `env` (e.g. bin/wiredesk.js and a command). */
export function startNode(args: string[], env: Record<string, string>, cwd?: string): Child {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const run: Child = {
    exited: false,
    result: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        run.exited = true;
        resolve({ code, signal, stdout, stderr });
      });
    }),
    kill: () => child.kill('SIGKILL'),
  };
  return run;
}

/** Waits until `ready()` holds or the child has ended (two minutes at most). */
export async function until(run: Child, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!run.exited && !(await ready())) {
    if (Date.now() > deadline) throw new Error('the child made no progress in two minutes');
    await sleep(10);
  }
}

/** A small seeded generator (mulberry32), so the kill points can be replayed with CRASH_SEED. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
