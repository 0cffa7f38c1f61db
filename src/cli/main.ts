import cluster from 'node:cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { MAX_WORKERS, runPrimary } from '../cluster.js';
import type { Config } from '../config.js';
import { userRoles, type UserRole } from '../content/roles.js';
import type { Store } from '../db/connect.js';
import { CliError, runAction } from './errors.js';
import { readPassword, readPasswordFile } from './password.js';

// Each command loads what it uses when it runs (`await import`), so `wiredesk --help` and the
// small commands start without the web server, sharp, the PostgreSQL driver and the wire desk.

const out = (line: string) => process.stdout.write(`${line}\n`);

/** Who the audit log names for changes made with the command: the operating-system user. */
function cliActor() {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no user database entry (some containers)
  }
  return { name: `cli:${user}`, userId: null };
}

/** Runs `fn` with the configured, migrated database, and closes it afterwards. */
async function withDatabase<T>(fn: (store: Store, config: Config) => Promise<T>, options: { checkFirst?: boolean } = {}): Promise<T> {
  const { loadConfig } = await import('../config.js');
  const config = loadConfig();
  const { openDatabase } = await import('../ops/bootstrap.js');
  const store = await openDatabase(config, { check: options.checkFirst && config.sqliteStartupCheck === 'quick' });
  // What a command changes is purged at the CDN in front (CDN_PURGE), as the server does for its own.
  const stopPurging = config.cdn.kind === 'none' ? null : await cdnPurgingFor(config);
  try {
    return await fn(store, config);
  } finally {
    await stopPurging?.();
    await store.close();
  }
}

async function cdnPurgingFor(config: Config): Promise<() => Promise<void>> {
  const [{ createCdnPurger }, { purgeCdnOnChanges }] = await Promise.all([import('../cache/cdn-purge.js'), import('../cache/cdn.js')]);
  const purger = createCdnPurger(config.cdn, {
    warn: (obj, msg) => process.stderr.write(`${msg}: ${(obj as { err?: Error }).err?.message ?? JSON.stringify(obj)}\n`),
  })!;
  return purgeCdnOnChanges(purger);
}

/** SITE_URL when it is set; else the address `wiredesk init` recorded in the site settings. */
async function siteUrlFor(config: Config, store: Store): Promise<Config> {
  if (process.env.SITE_URL?.trim()) return config;
  const [{ getSiteSettings }, { withSiteUrl }] = await Promise.all([import('../content/settings.js'), import('../config.js')]);
  const recorded = (await getSiteSettings(store.db)).siteUrl;
  return recorded ? withSiteUrl(config, recorded) : config;
}

/** A warning when N workers' pools could use up the PostgreSQL server's connections. */
async function connectionBudget(store: Store, workers: number): Promise<string | null> {
  const { connectionLimit, POOL_SIZE } = await import('../db/connect.js');
  const max = await connectionLimit(store);
  const need = workers * POOL_SIZE;
  return max !== null && need > max * 0.8
    ? `Note: ${workers} workers may open up to ${need} connections to PostgreSQL, which allows ${max} (max_connections).`
    : null;
}

function progressBar(done: number, total: number, unit = 'items', width = 30): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${unit}`;
}

export function buildCli(): Command {
  const program = new Command('wiredesk')
    .description('Wiredesk: a newsroom and a news site in one program.')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('serve')
    .description('serve the site (migrates the database first)')
    .option('--demo', 'seed the demo newsroom when the database has no articles yet')
    .option('--workers <n>', `processes serving the port, 1 to ${MAX_WORKERS} (more than 1 needs PostgreSQL)`, '1')
    .action((opts: { demo?: boolean; workers: string }) =>
      runAction(async () => {
        const workers = /^\d+$/.test(opts.workers.trim()) ? Number(opts.workers) : NaN;
        if (!(workers >= 1 && workers <= MAX_WORKERS))
          throw new CliError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, not "${opts.workers}"`, 2);
        const { loadConfig } = await import('../config.js');
        const config = loadConfig();
        if (workers > 1 && config.database.kind === 'sqlite') {
          throw new CliError(`--workers ${workers} needs PostgreSQL (DATABASE_URL=postgres://…): the SQLite database is served by one process`, 2);
        }
        const [{ openDatabase }, { serve }] = await Promise.all([import('../ops/bootstrap.js'), import('../server.js')]);
        if (cluster.isWorker) {
          // A worker of the cluster: the primary migrated and seeded; serve what it prepared.
          const { openStore } = await import('../db/connect.js');
          const prefix = `worker ${cluster.worker!.id}: `;
          const workerStore = await openStore(config.database, { cacheBytes: config.sqliteCacheBytes });
          await serve(await siteUrlFor(config, workerStore), workerStore, (line) => out(prefix + line), { firstRun: !opts.demo });
          return;
        }
        const store = await openDatabase(config, { check: config.sqliteStartupCheck === 'quick' });
        const served = await siteUrlFor(config, store);
        let admin: Awaited<ReturnType<typeof import('../demo/seed.js').ensureDemoAdmin>> = null;
        if (opts.demo) {
          // Only with --demo: the demo's stories and templates are 1 MB of source kept in memory.
          const { ensureDemoAdmin, seedDemo } = await import('../demo/seed.js');
          const result = await seedDemo(store.db, { dataDir: config.dataDir, onlyIfEmpty: true });
          if (result.seeded) out(`Seeded the demo newsroom: ${result.articles} articles.`);
          admin = await ensureDemoAdmin(store.db, { dataDir: config.dataDir, password: config.adminPassword });
        }
        // The password is never printed: it is in a file only the owner can read, or it was given.
        const signIn = (url: string) =>
          admin &&
          out(
            admin.passwordFile
              ? `Newsroom: sign in at ${url}/newsroom as ${admin.email} with the password in ${admin.passwordFile} (readable only by you; delete it once you have changed the password).`
              : `Newsroom: sign in at ${url}/newsroom as ${admin.email} with the password WIREDESK_ADMIN_PASSWORD gave.`,
          );
        // Without --demo a new database has no users: the newsroom offers its first-run form.
        const { countUsers } = await import('../content/users.js');
        const setUpAt = (url: string) =>
          !admin && countUsers(store.db).then((n) => n === 0 && out(`No newsroom users yet: set the site up at ${url}/newsroom, or with wiredesk init.`));
        if (workers === 1) {
          const { url } = await serve(served, store, out, { firstRun: !opts.demo });
          signIn(url);
          await setUpAt(url);
          return;
        }
        await setUpAt(served.siteUrl);
        const connections = await connectionBudget(store, workers);
        await store.close();
        if (connections) out(connections);
        await runPrimary(
          workers,
          out,
          (url) => {
            out(`Wiredesk is serving ${url} with ${workers} workers (${store.description})`);
            signIn(url);
          },
          config.host,
        );
      }),
    );

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(() =>
      runAction(() =>
        withDatabase(
          async (store) => {
            const { migrateToLatest } = await import('../db/migrate.js');
            // openDatabase already migrated; report what is current.
            const applied = await migrateToLatest(store);
            out(applied.length ? `Applied ${applied.join(', ')}.` : `The ${store.description} is up to date.`);
          },
          { checkFirst: true },
        ),
      ),
    );

  program
    .command('rotate-secret <which>')
    .description(
      'replace a secret: "newsletter" (the key signing readers\' links; links sent before stop working) or "sessions" (every newsroom user signs in again)',
    )
    .action((which: string) =>
      runAction(() =>
        withDatabase(async (store) => {
          if (which === 'newsletter') {
            const { rotateNewsletterSecret } = await import('../newsletter/tokens.js');
            await rotateNewsletterSecret(store.db, cliActor());
            return out('The newsletter links have a new signing secret; restart the server processes so they use it.');
          }
          if (which === 'sessions') {
            const { endAllSessions } = await import('../newsroom/sessions.js');
            const ended = await endAllSessions(store.db, cliActor());
            return out(`Ended ${ended} newsroom sessions: everyone signs in again.`);
          }
          throw new CliError(`rotate-secret takes "newsletter" or "sessions", not "${which}"`, 2);
        }),
      ),
    );

  program
    .command('doctor')
    .description("check the database file: SQLite's full integrity_check and foreign keys (exit 1 when damaged)")
    .action(() =>
      runAction(async () => {
        const [{ loadConfig }, { openStore }, { examineDatabase }] = await Promise.all([
          import('../config.js'),
          import('../db/connect.js'),
          import('../db/integrity.js'),
        ]);
        const config = loadConfig();
        // Opened as it is: no migrations, nothing written, so a damaged file is examined, not changed.
        const store = await openStore(config.database, { readonly: config.database.kind === 'sqlite' });
        try {
          const report = await examineDatabase(store);
          for (const line of report.findings) out(line);
          if (!report.ok) throw new CliError(`The ${store.description} is damaged: restore a backup (wiredesk restore FILE).`, 1);
          out(`The ${store.description} is sound.`);
        } finally {
          await store.close();
        }
      }),
    );

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

  program
    .command('ingest <inputs...>')
    .description('ingest agency copy from files, folders or URLs (RSS, Atom, JSON Feed, ninjs, NewsML-G2)')
    .option('--source <name>', 'a configured source (its agency, filing and rule apply), or the name of the agency')
    .option('--json', 'print the summary as JSON')
    .action((inputs: string[], opts: { source?: string; json?: boolean }) =>
      runAction(() =>
        withDatabase(async (store, config) => {
          const [{ heroesForNewStories }, { ingestExitCode, ingestInputs, INGEST_EXIT, optionsForSource }, { findSourceByName }] = await Promise.all([
            import('../wire/illustrate.js'),
            import('../wire/run.js'),
            import('../wire/sources.js'),
          ]);
          const tty = process.stderr.isTTY && !opts.json;
          const source = opts.source ? await findSourceByName(store.db, opts.source) : null;
          const hooks = { heroFor: heroesForNewStories(store.db, config, { warn: (msg: string) => process.stderr.write(`${msg}\n`) }) };
          const summary = await ingestInputs(store.db, inputs, {
            ...(source ? optionsForSource(source, hooks) : { agency: opts.source, item: hooks }),
            // The URLs typed here are taken as given (the operator named them); where they
            // redirect to, and the pictures their items name, are checked as everywhere.
            outbound: { policy: config.outbound, trust: inputs.filter((i) => /^https?:\/\//i.test(i)) },
            onProgress: tty ? (done, total) => process.stderr.write(`\r${progressBar(done, total)}`) : undefined,
          });
          if (tty) process.stderr.write('\n');
          if (opts.json) out(JSON.stringify(summary));
          else {
            out(
              `New ${summary.new}, updated ${summary.updated}, merged as duplicates ${summary.merged}, ignored as older or same versions ${summary.ignored}, withheld ${summary.withheld}, canceled ${summary.canceled}, rejected ${summary.rejected.length}.`,
            );
            for (const r of summary.rejected) out(`  rejected ${r.file ?? ''}${r.itemId ? ` ${r.itemId}` : ''}: ${r.reason}`);
          }
          const code = ingestExitCode(summary);
          if (code === INGEST_EXIT.nothingTaken) process.stderr.write('wiredesk: nothing was taken: every document (or item) was rejected\n');
          else if (code === INGEST_EXIT.someRejected) process.stderr.write(`wiredesk: ${summary.rejected.length} rejected; the rest was taken\n`);
          process.exitCode = code;
        }),
      ),
    );

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

  program
    .command('dedupe-labels')
    .description("export the desk's splits and merges (pairs, its answer, the scorer's features) for npm run fit:dedupe -- --desk-labels <file>")
    .option('--out <file>', 'write the JSON to this file instead of stdout')
    .action((opts: { out?: string }) =>
      runAction(() =>
        withDatabase(async (store) => {
          const { deskLabels } = await import('../wire/desk-merges.js');
          const labels = await deskLabels(store.db);
          const json = `${JSON.stringify(labels, null, 1)}\n`;
          if (!opts.out) return void process.stdout.write(json);
          fs.writeFileSync(opts.out, json);
          out(
            `Wrote ${labels.length} desk decisions (${labels.filter((l) => l.sameEvent).length} merges, ${labels.filter((l) => !l.sameEvent).length} splits) to ${opts.out}.`,
          );
        }),
      ),
    );

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

  const sources = program.command('sources').description('where agency copy comes from');
  sources
    .command('add')
    .description('add a source: a drop folder to watch or a feed URL to poll')
    .requiredOption('--name <name>', 'a name for the source')
    .requiredOption('--agency <agency>', 'the agency whose copy it delivers')
    .option('--folder <folder>', 'drop folder to watch: an existing absolute folder made for this source')
    .option('--url <url>', 'feed URL to poll')
    .option('--poll-seconds <n>', 'how often to poll the URL', (v) => Number(v), 300)
    .option('--edition <slug>', 'edition for new stories')
    .option('--sectors <slugs>', 'comma-separated sectors for new stories')
    .addOption(
      new Option('--rule <rule>', 'inbox: a person decides; auto-publish: usable items go out unedited').choices(['inbox', 'auto-publish']).default('inbox'),
    )
    .action(
      (opts: {
        name: string;
        agency: string;
        folder?: string;
        url?: string;
        pollSeconds: number;
        edition?: string;
        sectors?: string;
        rule: 'inbox' | 'auto-publish';
      }) =>
        runAction(() =>
          withDatabase(async (store, config) => {
            const { addSource } = await import('../wire/sources.js');
            const source = await addSource(
              store.db,
              {
                name: opts.name,
                agency: opts.agency,
                folder: opts.folder ?? null,
                url: opts.url ?? null,
                pollSeconds: opts.pollSeconds,
                edition: opts.edition ?? null,
                sectors: opts.sectors
                  ? opts.sectors
                      .split(',')
                      .map((s) => s.trim())
                      .filter(Boolean)
                  : [],
                rule: opts.rule,
              },
              cliActor(),
              { outbound: config.outbound, places: { dataDir: config.dataDir } },
            );
            out(`Added source ${source.name} (${source.folder ? `folder ${source.folder}` : `URL ${source.url}`}, rule ${source.rule}).`);
          }),
        ),
    );
  sources
    .command('list')
    .description('the sources with their last success, last error and item counts')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      runAction(() =>
        withDatabase(async (store) => {
          const { listSources } = await import('../wire/sources.js');
          const list = await listSources(store.db);
          if (opts.json) return out(JSON.stringify(list));
          for (const s of list)
            out(
              `${s.name}: ${s.agency}, ${s.folder ?? s.url}, ${s.rule}${s.enabled ? '' : ', off'}, items ${s.itemsTotal}, last success ${s.lastSuccessAt ?? 'never'}${s.lastError ? `, last error ${s.lastErrorAt}: ${s.lastError}` : ''}`,
            );
        }),
      ),
    );

  for (const [name, description] of [
    ['disable', 'stop watching or polling a source (audited)'],
    ['enable', 'watch or poll a source again (audited)'],
    ['remove', 'remove a source; the copy it brought stays (audited)'],
  ] as const) {
    sources
      .command(`${name} <source>`)
      .description(description)
      .action((sourceName: string) =>
        runAction(() =>
          withDatabase(async (store) => {
            const { deleteSource, findSourceByName, setSourceEnabled } = await import('../wire/sources.js');
            const source = await findSourceByName(store.db, sourceName);
            if (!source) throw new CliError(`There is no source named "${sourceName}" (wiredesk sources list shows them).`);
            if (name === 'remove') await deleteSource(store.db, source.id, cliActor());
            else await setSourceEnabled(store.db, source.id, name === 'enable', cliActor());
            out(`${name === 'remove' ? 'Removed' : name === 'enable' ? 'Turned on' : 'Turned off'} source ${source.name}.`);
          }),
        ),
      );
  }

  program
    .command('init')
    .description('set up a production site: the reference sectors and editions, the site name and URL, and the first admin (refused on a site set up already)')
    .requiredOption('--site-name <name>', "the site's name")
    .requiredOption('--site-url <url>', 'its public address (http or https)')
    .requiredOption('--admin-email <email>', "the first admin's sign-in email")
    .option('--admin-name <name>', "the first admin's display name", 'Site admin')
    .option(
      '--password-file <file>',
      "read the admin's password from the first line of this file; else it is asked for twice on a terminal, or read from standard input",
    )
    .action((opts: { siteName: string; siteUrl: string; adminEmail: string; adminName: string; passwordFile?: string }) =>
      runAction(async () => {
        const { checkSiteSetup, isSiteSetUp, setUpSite, SiteAlreadySetUpError } = await import('../content/site-setup.js');
        const fields = { siteName: opts.siteName, siteUrl: opts.siteUrl, adminName: opts.adminName, adminEmail: opts.adminEmail };
        // Checked before the database is opened and before the password is asked for.
        checkSiteSetup(fields, ['siteName', 'siteUrl', 'adminName', 'adminEmail']);
        await withDatabase(async (store, config) => {
          if (await isSiteSetUp(store.db)) throw new SiteAlreadySetUpError();
          const password = opts.passwordFile ? readPasswordFile(opts.passwordFile) : await readPassword();
          const { admin, sectors, editions } = await setUpSite(store.db, { ...fields, password }, cliActor());
          const site = (await siteUrlFor(config, store)).siteUrl;
          out(
            `Set up "${opts.siteName.trim()}": ${sectors} sectors, ${editions} editions, admin ${admin.email} (id ${admin.id}). Start it with wiredesk serve and sign in at ${site}/newsroom.`,
          );
          if (site !== fields.siteUrl.replace(/\/+$/, '')) out(`Note: SITE_URL is set to ${site}; the server uses that rather than the URL recorded here.`);
        });
      }),
    );

  const user = program.command('user').description('newsroom accounts');
  user
    .command('add')
    .description('create a newsroom user; the password is asked for, or read from standard input')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'what the user may do').choices(userRoles).makeOptionMandatory())
    .action((opts: { email: string; name: string; role: UserRole }) =>
      runAction(async () => {
        const password = await readPassword();
        await withDatabase(async (store) => {
          const { createUser } = await import('../content/users.js');
          const created = await createUser(store.db, { email: opts.email, displayName: opts.name, role: opts.role, password }, cliActor());
          out(`Created ${created.role} ${created.email} (id ${created.id}).`);
        });
      }),
    );

  program
    .command('backup <file>')
    .description('write a consistent copy of the SQLite database while the site runs')
    .option('--force', 'overwrite the file if it exists')
    .action((file: string, opts: { force?: boolean }) =>
      runAction(async () => {
        const [{ loadConfig }, { backupDatabase }] = await Promise.all([import('../config.js'), import('../ops/backup.js')]);
        const config = loadConfig();
        const result = await backupDatabase(config, file, { force: Boolean(opts.force) });
        out(`Backed up ${result.pages} pages to ${result.file}.`);
      }),
    );

  program
    .command('restore <file>')
    .description('replace the SQLite database with a backup (stop the server first)')
    .option('--force', 'overwrite a database that already has content')
    .action((file: string, opts: { force?: boolean }) =>
      runAction(async () => {
        const [{ loadConfig }, { restoreDatabase }] = await Promise.all([import('../config.js'), import('../ops/backup.js')]);
        const config = loadConfig();
        const result = await restoreDatabase(config, file, { force: Boolean(opts.force) });
        out(`Restored ${result.file}: ${result.articles} articles, ${result.users} users.`);
      }),
    );

  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}
