import type { Command } from 'commander';
import { out, withDatabase } from './command-support.js';
import { CliError, runAction } from './errors.js';

// The database itself: migrations, an integrity check, and SQLite backups and restores.

export function addMigrateCommand(program: Command): void {
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
}

export function addDoctorCommand(program: Command): void {
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
}

export function addBackupCommand(program: Command): void {
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
}

export function addRestoreCommand(program: Command): void {
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
}
