import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../db/connect.js';
import { startExclusiveJob, type ExclusiveJob } from '../db/job-lock.js';
import { scanDropFolder, type DropFolderOptions } from './drop-folder.js';
import { pollSource } from './poller.js';
import type { SourceHooks } from './run.js';
import { listSources } from './sources.js';

/**
 * Scans every enabled source's drop folder, and polls every enabled source URL that is due, at
 * start and every `intervalMs`. One process at a time (the job lock, src/db/job-lock.ts): a
 * file is taken, ingested and moved aside by one run before the next run looks, and a URL's
 * next poll time is read after the lock is taken, so each file and each due poll is done once.
 * On several machines a drop folder belongs on storage they share; one that only one machine
 * has is read in that machine's runs.
 */
export function startDropFolderWatcher(db: DB, log: Pick<FastifyBaseLogger, 'info' | 'error'>, options: DropFolderOptions, intervalMs = 10_000): ExclusiveJob {
  const hooks: SourceHooks = { heroFor: options.heroFor, outbound: options.outbound };
  return startExclusiveJob(
    db,
    'wire-sources',
    async () => {
      for (const source of (await listSources(db)).filter((s) => s.enabled)) {
        try {
          if (source.folder) {
            const { files, refused } = await scanDropFolder(db, source, Date.now(), options);
            if (files) log.info({ source: source.name, files }, 'drop folder processed');
            // Said once, when it starts (the sources screen shows it as the last error meanwhile).
            if (refused && refused !== source.lastError) log.error({ source: source.name, folder: source.folder, reason: refused }, 'drop folder refused');
          } else if (source.url) {
            const summary = await pollSource(db, source, Date.now(), hooks);
            if (summary?.rejected.length) log.error({ source: source.name, rejected: summary.rejected.slice(0, 5) }, 'source poll had problems');
          }
        } catch (error) {
          log.error({ err: error, source: source.name }, 'source run failed');
        }
      }
    },
    intervalMs,
    (error) => log.error({ err: error }, 'wire source watcher failed'),
  );
}
