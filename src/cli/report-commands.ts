import type { Command } from 'commander';
import { cliActor, out, withDatabase } from './command-support.js';
import { CliError, runAction } from './errors.js';

// What the site holds, read out: counts, the reads rollup, and exports of articles and audience.

export function addStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('count articles by status and kind, sectors, editions, countries in use and users')
    .option('--json', 'print one JSON object')
    .action((opts: { json?: boolean }) =>
      runAction(() =>
        withDatabase(async (store) => {
          const { newsroomStats } = await import('../content/stats.js');
          const s = await newsroomStats(store.db);
          if (opts.json) return out(JSON.stringify(s));
          out(
            `Articles: ${s.articles.total} (${Object.entries(s.articles.byStatus)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')})`,
          );
          out(
            `Published by kind: ${Object.entries(s.articles.byKind)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`,
          );
          out(`Sectors: ${s.sectors}  Editions: ${s.editions}  Countries in use: ${s.countries}  Pages: ${s.pages}  Users: ${s.users}`);
        }),
      ),
    );
}

export function addRollupViewsCommand(program: Command): void {
  program
    .command('rollup-views')
    .description('move hourly reads older than 72 hours into daily counts (the server does it every hour)')
    .option('--json', 'print one JSON object')
    .action((opts: { json?: boolean }) =>
      runAction(() =>
        withDatabase(async (store) => {
          const [{ rollUpViews }, { runExclusive }] = await Promise.all([import('../audience/rollup.js'), import('../db/job-lock.js')]);
          // Under the server's job lock: on PostgreSQL it waits for no one and skips while a server rolls up.
          const outcome = await runExclusive(store.db, 'views-rollup', () => rollUpViews(store.db));
          if (!outcome.ran) throw new CliError('Another process is rolling up the reads right now; nothing was done.');
          const done = outcome.value;
          if (opts.json) return out(JSON.stringify(done));
          out(
            done.buckets
              ? `Rolled up ${done.buckets} hourly bucket(s), ${done.views} read(s), into daily counts in ${done.batches} batch(es).`
              : 'No hourly reads older than 72 hours: nothing to roll up.',
          );
        }),
      ),
    );
}

export function addExportCommand(program: Command): void {
  program
    .command('export <what>')
    .description('write published articles (ninjs JSON Lines) or reads per story and day (CSV): "articles" or "audience"')
    .requiredOption('--out <file>', 'the file to write ("-" for stdout); it appears only once complete')
    .option('--since <time>', 'articles: published at or after this ISO 8601 time')
    .option('--until <time>', 'articles: published before this time')
    .option('--from <day>', 'audience: the first UTC day (YYYY-MM-DD); 30 days before --to by default')
    .option('--to <day>', 'audience: the last UTC day; today by default')
    .action((what: string, opts: { out: string; since?: string; until?: string; from?: string; to?: string }) =>
      runAction(() =>
        withDatabase(async (store, config) => {
          if (what !== 'articles' && what !== 'audience') throw new CliError(`export what? "articles" or "audience", not "${what}"`);
          const [{ exportArticles }, { exportAudience }, { directoryLoader }, { writeLines }] = await Promise.all([
            import('../syndication/export.js'),
            import('../audience/export.js'),
            import('../content/directory.js'),
            import('./write-lines.js'),
          ]);
          const directory = directoryLoader(store.db);
          try {
            const { lines } =
              what === 'articles'
                ? await exportArticles(store.db, await directory.get(), config.siteUrl, opts, cliActor())
                : await exportAudience(store.db, opts, new Date(), cliActor());
            const count = await writeLines(lines, opts.out, what === 'articles' ? 'jsonl' : 'csv');
            if (opts.out !== '-') out(`Wrote ${what === 'articles' ? `${count} articles` : `${Math.max(0, count - 1)} story-days`} to ${opts.out}.`);
          } finally {
            directory.dispose();
          }
        }),
      ),
    );
}
