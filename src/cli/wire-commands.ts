import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { cliActor, out, progressBar, withDatabase } from './command-support.js';
import { CliError, runAction } from './errors.js';

// Agency copy: ingesting it, the sources it comes from, and the desk's duplicate decisions.

export function addIngestCommand(program: Command): void {
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
}

export function addDedupeLabelsCommand(program: Command): void {
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
}

export function addSourcesCommand(program: Command): void {
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
}
