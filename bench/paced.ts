/**
 * An open-loop load at a steady rate, for `npm run bench:beacons`: requests go out evenly spread
 * over each second (autocannon's rate limit sends each second's share in a burst at its start,
 * which measures the burst rather than the load), each timed from send to the last byte.
 *
 * As a program it sends read beacons from new readers (pacedBeacons) and prints the result as JSON:
 * `node --import tsx bench/paced.ts <base> <per-second> <seconds> <id,id,…>`; the benchmark runs
 * it in a process of its own, so that its work does not slow the page timings.
 */
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { viewsBeaconPath } from '../src/presentation/urls.js';

/** Calls `fire` so that `count()` keeps up with `perSecond` for `seconds` (checked every 2 ms). */
function atSteadyRate(perSecond: number, seconds: number, count: () => number, fire: () => void): Promise<void> {
  const start = performance.now();
  return new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      if (elapsed >= seconds * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor((elapsed / 1000) * perSecond);
      while (count() < due) fire();
    }, 2);
  });
}

export interface PacedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  sent: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

export async function paced(base: string, perSecond: number, seconds: number, make: (i: number) => PacedRequest): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(base);
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let errors = 0;
  let sent = 0;
  const send = (req: PacedRequest) => {
    const t0 = performance.now();
    const done = new Promise<void>((resolve) => {
      const r = http.request({ agent, host: url.hostname, port: url.port, method: req.method, path: req.path, headers: req.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          if ((res.statusCode ?? 500) >= 400) errors += 1;
          resolve();
        });
      });
      r.on('error', () => {
        errors += 1;
        resolve();
      });
      r.end(req.body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  await atSteadyRate(
    perSecond,
    seconds,
    () => sent,
    () => send(make(sent++)),
  );
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent,
    perSecond: Math.round(sent / seconds),
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p99: Number(percentile(latencies, 99).toFixed(1)),
    errors,
  };
}

/**
 * Beacons at a steady rate over a few kept-alive TCP connections, written and read as raw
 * HTTP/1.1 (requests pipelined; every answer is a bodiless 204, so each ends at a blank line):
 * a few microseconds of the sender's CPU per beacon, where an HTTP client takes ten times that
 * and, on a small machine, would take it from the server being measured.
 */
export async function pacedBeacons(base: string, perSecond: number, seconds: number, ids: number[], connections = 16): Promise<PacedResult> {
  const url = new URL(base);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  let answered = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<{ socket: net.Socket; waiting: number[] }>((resolve, reject) => {
          const socket = net.connect({ host: url.hostname, port: Number(url.port) }, () => resolve({ socket, waiting: [] }));
          socket.setNoDelay(true);
          socket.once('error', reject);
        }),
    ),
  );
  for (const conn of sockets) {
    let tail = '';
    conn.socket.on('data', (chunk: Buffer) => {
      const heads = (tail + chunk.toString('latin1')).split('\r\n\r\n');
      tail = heads.pop()!;
      const now = performance.now();
      for (const head of heads) {
        if (!head.startsWith('HTTP/1.1 204')) errors += 1;
        latencies.push(now - conn.waiting.shift()!);
        answered += 1;
      }
    });
  }
  const request = (i: number) => {
    const { body, headers } = beaconFrom(ids, i);
    return `POST ${viewsBeaconPath} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: ${headers['content-type']}\r\nUser-Agent: ${headers['user-agent']}\r\nContent-Length: ${Buffer.byteLength(body!)}\r\n\r\n${body}`;
  };
  await atSteadyRate(
    perSecond,
    seconds,
    () => sent,
    () => {
      const conn = sockets[sent % connections]!;
      conn.waiting.push(performance.now());
      conn.socket.write(request(sent++));
    },
  );
  const deadline = performance.now() + 10_000;
  while (answered < sent && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  errors += sent - answered;
  for (const conn of sockets) conn.socket.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent,
    perSecond: Math.round(sent / seconds),
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p99: Number(percentile(latencies, 99).toFixed(1)),
    errors,
  };
}

/** A beacon from a new reader (its own user agent), so the counter accepts it. */
export const beaconFrom = (ids: number[], i: number): PacedRequest => ({
  method: 'POST',
  path: viewsBeaconPath,
  body: String(ids[i % ids.length]),
  headers: {
    'content-type': 'text/plain;charset=UTF-8',
    'user-agent': `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.${i}.${process.pid} Safari/537.36`,
  },
});

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [base, rate, seconds, ids] = process.argv.slice(2);
  const list = ids!.split(',').map(Number);
  const result = await pacedBeacons(base!, Number(rate), Number(seconds), list);
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ...result, senderCpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
}
