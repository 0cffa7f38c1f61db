/**
 * `npm run fuzz -- [--seconds 600] [--target NAME[,NAME]]... [--seed S] [--path P] [--postgres] [--list]`
 *
 * Runs the fuzz targets of test/fuzz/targets.ts for as long as it is given (60 s by default), one
 * at a time, each for an equal share of the time that is left, in a worker thread watched from
 * outside (test/fuzz/worker.ts: a case that hangs is noticed and its worker ended). Prints the cases run per
 * target and every counterexample with its seed and the command that replays it; exits 1 when
 * any target failed. Targets that need a database get a fresh SQLite one (PostgreSQL with
 * --postgres and TEST_DATABASE_URL) holding a small newsroom.
 */
import { performance } from 'node:perf_hooks';
import { fuzzTargets, noNulFormTargets, targetNamed } from '../test/fuzz/targets.js';
import { runInWorker } from '../test/fuzz/worker.js';

function parseArgs(argv: string[]) {
  const options = {
    seconds: 60,
    targets: [] as string[],
    seed: Math.floor(Math.random() * 2 ** 31),
    path: undefined as string | undefined,
    postgres: false,
    list: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--seconds') options.seconds = Number(value());
    else if (arg === '--target') options.targets.push(...value().split(','));
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--path') options.path = value();
    else if (arg === '--postgres') options.postgres = true;
    else if (arg === '--list') options.list = true;
    else throw new Error(`unknown option ${arg} (see scripts/fuzz.ts)`);
  }
  if (!(options.seconds > 0)) throw new Error('--seconds must be a positive number');
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be a whole number');
  if (options.path && options.targets.length !== 1) throw new Error('--path replays one case of one --target');
  if (options.postgres && !process.env.TEST_DATABASE_URL) throw new Error('--postgres needs TEST_DATABASE_URL (a server it may create databases on)');
  const unknown = options.targets.filter((n) => !targetNamed(n));
  if (unknown.length) throw new Error(`no target ${unknown.join(', ')} (--list names them)`);
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.list) {
    for (const t of fuzzTargets) console.log(`${t.name.padEnd(20)} ${t.database ? '[database] ' : ''}${t.about}`);
    console.log(`by name only: ${noNulFormTargets.map((t) => t.name).join(', ')} (the form targets without NUL bytes)`);
    return;
  }
  const chosen = options.targets.length ? options.targets.map((n) => targetNamed(n)!) : fuzzTargets;
  console.log(
    `fuzz: ${chosen.length} target(s), ${options.path ? `replaying case ${options.path}` : `${options.seconds} s in all`}, seed ${options.seed}${options.postgres ? ', PostgreSQL' : ''}`,
  );
  let failures = 0;
  let total = 0;
  let started = performance.now();
  const replay = (name: string, seed: number, path: string | null) =>
    `npm run fuzz -- --target ${name} --seed ${seed} --path ${path}${options.postgres ? ' --postgres' : ''}`;
  // Each target an equal share of the time left when it starts, so a slow start (a database to fill) is paid for by all.
  await runInWorker(
    {
      targets: chosen.map((t) => t.name),
      seed: options.seed,
      deadline: options.path ? undefined : Date.now() + options.seconds * 1000,
      path: options.path,
      postgres: options.postgres,
    },
    (outcome) => {
      const took = ((performance.now() - started) / 1000).toFixed(1);
      started = performance.now();
      const name = outcome.target.padEnd(20);
      if (outcome.result) {
        const r = outcome.result;
        total += r.cases;
        console.log(
          `${r.failed ? 'FAIL' : 'ok  '} ${name} ${String(r.cases).padStart(9)} cases in ${took} s (${Math.round(r.cases / Math.max(r.ms / 1000, 0.001))}/s)`,
        );
        if (r.failed) {
          failures += 1;
          console.log(`${r.report}\n  replay: ${replay(r.target, r.seed, r.path)}\n`);
        }
      } else if (outcome.hang !== undefined) {
        failures += 1;
        total += outcome.hang;
        console.log(`HANG ${name} case ${outcome.hang} did not finish in ${outcome.hangMs! / 1000} s; its worker was ended`);
        console.log(
          `  replay: ${replay(outcome.target, options.seed, String(outcome.hang - 1))}\n  (the path is that case's when it hung before any failure; otherwise run the target again with this seed to see the failure)\n`,
        );
      } else {
        failures += 1;
        console.log(`ERR  ${name} ${outcome.error}`);
      }
    },
  );
  console.log(`fuzz: ${total} cases, ${failures ? `${failures} target(s) failed` : 'no failures'}, seed ${options.seed}`);
  process.exitCode = failures ? 1 : 0;
}

main().catch((error: Error) => {
  console.error(`fuzz: ${error.message}`);
  process.exitCode = 2;
});
