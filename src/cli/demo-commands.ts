import path from 'node:path';
import type { Command } from 'commander';
import { out, progressBar, withDatabase } from './command-support.js';
import { CliError, runAction } from './errors.js';

// Fictional content for demos, benchmarks and tests: the demo newsroom, a large archive, a wire stream.

export function addSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('add content to the database')
    .requiredOption('--demo', 'the demo newsroom: sectors, editions, pages, settings and articles (idempotent)')
    .action(() =>
      runAction(() =>
        withDatabase(async (store, config) => {
          const { seedDemo } = await import('../demo/seed.js');
          const result = await seedDemo(store.db, { dataDir: config.dataDir });
          out(result.seeded ? `Seeded the demo newsroom: ${result.articles} articles.` : 'The demo newsroom is already seeded; nothing changed.');
        }),
      ),
    );
}

export function addDemoArchiveCommand(program: Command): void {
  program
    .command('demo-archive')
    .description(
      'add N fictional published stories over two years (with revisions, corrections, agency items and reads), for benchmarks and capacity tests; seeds the demo newsroom first when the database is empty',
    )
    .requiredOption('--articles <n>', 'how many stories', (v) => Number(v))
    .option('--years <n>', 'how far back they reach', (v) => Number(v), 2)
    .option('--seed <s>', 'the same seed writes the same stories', (v) => Number(v), 7)
    .action((opts: { articles: number; years: number; seed: number }) =>
      runAction(() => {
        if (!Number.isInteger(opts.articles) || opts.articles < 1 || opts.articles > 20_000_000)
          throw new CliError('--articles must be a whole number from 1 to 20,000,000');
        if (!(opts.years > 0 && opts.years <= 50)) throw new CliError('--years must be a number above 0 and at most 50');
        if (!Number.isInteger(opts.seed)) throw new CliError('--seed must be a whole number');
        return withDatabase(async (store, config) => {
          const [{ seedDemo }, { loadDemoArchive }] = await Promise.all([import('../demo/seed.js'), import('../demo/archive.js')]);
          await seedDemo(store.db, { dataDir: config.dataDir, onlyIfEmpty: true });
          const tty = process.stderr.isTTY;
          const started = performance.now();
          let nextLine = 0;
          const result = await loadDemoArchive(store.db, {
            articles: opts.articles,
            mediaDir: path.join(config.dataDir, 'media'),
            years: opts.years,
            seed: opts.seed,
            onProgress: (done, total) => {
              const rate = Math.round(done / ((performance.now() - started) / 1000));
              if (tty) process.stderr.write(`\r${progressBar(done, total, 'stories')} ${rate}/s`);
              else if (done >= nextLine || done === total) {
                process.stderr.write(`${progressBar(done, total, 'stories')} ${rate}/s\n`);
                nextLine = done + Math.ceil(total / 10);
              }
            },
          });
          if (tty) process.stderr.write('\n');
          const rate = Math.round(result.articles / result.seconds);
          out(
            `Added ${result.articles} stories in ${result.seconds.toFixed(1)} s (${rate} stories/s): ${result.revisions} revisions, ${result.corrections} corrections, ${result.wireItems} agency items, ${result.bands} duplicate-index keys, ${result.viewRows} hourly read counts.`,
          );
        });
      }),
    );
}

export function addDemoWireCommand(program: Command): void {
  program
    .command('demo-wire')
    .description('write a fictional agency stream (RSS, Atom, JSON Feed, ninjs, NewsML-G2) with versions, re-sends and duplicates, for demos and tests')
    .requiredOption('--items <n>', 'how many items, counting every version, re-send and duplicate', (v) => Number(v))
    .requiredOption('--out <dir>', 'an empty (or new) folder to write the files into')
    .option('--seed <s>', 'the same seed writes the same files', (v) => Number(v), 1)
    .action((opts: { items: number; out: string; seed: number }) =>
      runAction(async () => {
        if (!Number.isInteger(opts.items) || opts.items < 1 || opts.items > 10_000_000)
          throw new CliError('--items must be a whole number from 1 to 10,000,000');
        if (!Number.isInteger(opts.seed)) throw new CliError('--seed must be a whole number');
        const { DEMO_WIRE_MANIFEST, writeDemoWire } = await import('../demo/demo-wire.js');
        let m;
        try {
          m = writeDemoWire(opts.out, { items: opts.items, seed: opts.seed });
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const formats = Object.entries(m.formats)
          .map(([f, c]) => `${f} ${c.items}`)
          .join(', ');
        out(
          `Wrote ${m.items} items in ${m.files.length} files to ${opts.out} (${formats}): ${m.versions.itemsWithVersions} items with later versions, ${m.resends.length} re-sends, ${m.duplicates.length} cross-agency duplicates, ${m.withheld} withheld, ${m.canceled} canceled. The manifest is ${DEMO_WIRE_MANIFEST}.`,
        );
      }),
    );
}
