import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const wiredeskBin = path.join(repoRoot, 'bin', 'wiredesk.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command that has not finished by then is killed, so a hang fails the test instead of CI. */
const CLI_TIMEOUT_MS = 60_000;

/** Runs the `wiredesk` command in a child process with a clean environment plus `env`; with
 *  `closedStdout`, the reading end of its stdout is closed before it prints anything (`| head -c 0`). */
export function runCli(args: string[], env: Record<string, string>, input?: string, options: { closedStdout?: boolean } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wiredeskBin, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: CLI_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    if (options.closedStdout) child.stdout.destroy();
    else child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
