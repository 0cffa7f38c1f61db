import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../db/connect.js';
import { ingestInputs, optionsForSource, type SourceHooks } from './run.js';
import { dropFolderProblem, FEED_FILE, type DropFolderPlaces } from './folder-policy.js';
import { listSources, recordSourceFile, recordSourceRun, type WireSource } from './sources.js';
import type { IngestSummary } from './ingest.js';

/** A file is taken once it has not changed for this long (writers may still be copying it). */
export const SETTLE_MS = 2_000;
const PARTIAL = /\.(tmp|part|partial|crdownload|error\.txt)$/i;

function moveAside(file: string, folder: string): string {
  fs.mkdirSync(folder, { recursive: true });
  let target = path.join(folder, path.basename(file));
  if (fs.existsSync(target)) target = path.join(folder, `${Date.now()}-${path.basename(file)}`);
  fs.renameSync(file, target);
  return target;
}

/** How a drop folder is scanned: where DATA_DIR is (folder-policy.ts), and the ingest hooks. */
export type DropFolderOptions = SourceHooks & { places: DropFolderPlaces };

/**
 * Processes the complete feed files of a source's drop folder (by extension: FEED_FILE; other
 * files stay where they are): each goes to processed/ once ingested (beside a .error.txt when
 * some of its items were rejected), or to failed/ beside a .error.txt saying why when it could
 * not be read at all. Each file's counts (new, updated, merged, ignored, withheld, canceled,
 * rejected) are recorded for the sources screen. A folder that no longer qualifies as a drop
 * folder (folder-policy.ts: gone, a system or data folder, another source's) is not touched:
 * the run is recorded as failed with the reason, returned as `refused`.
 */
export async function scanDropFolder(
  db: DB,
  source: WireSource,
  now: number,
  options: DropFolderOptions,
): Promise<{ files: number; summary: IngestSummary[]; refused?: string }> {
  if (!source.folder) return { files: 0, summary: [] };
  const others = (await listSources(db)).filter((s) => s.id !== source.id && s.folder).map((s) => s.folder!);
  const problem = dropFolderProblem(source.folder, options.places, others);
  if (problem) {
    const refused = `Not scanned: ${problem}`;
    await recordSourceRun(db, source, { items: 0, error: refused }, new Date(now).toISOString());
    return { files: 0, summary: [], refused };
  }
  const hooks: SourceHooks = { heroFor: options.heroFor, outbound: options.outbound };
  const ready = fs
    .readdirSync(source.folder, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !PARTIAL.test(e.name) && FEED_FILE.test(e.name))
    .map((e) => path.join(source.folder!, e.name))
    .filter((file) => now - fs.statSync(file).mtimeMs >= SETTLE_MS)
    .sort();
  const summaries: IngestSummary[] = [];
  let items = 0;
  for (const file of ready) {
    const summary = await ingestInputs(db, [file], optionsForSource(source, hooks));
    summaries.push(summary);
    const taken = summary.new + summary.updated + summary.merged + summary.ignored + summary.withheld + summary.canceled;
    items += taken;
    const unreadable = taken === 0 && summary.rejected.length > 0 && summary.rejected.every((r) => r.itemId === null);
    const moved = moveAside(file, path.join(source.folder, unreadable ? 'failed' : 'processed'));
    const problems = summary.rejected.map((r) => `${r.itemId ? `item ${r.itemId}: ` : ''}${r.reason}`).join('\n');
    if (summary.rejected.length) fs.writeFileSync(`${moved}.error.txt`, `${problems}\n`);
    await recordSourceFile(db, source.id, {
      file: path.basename(file),
      processedAt: new Date(now).toISOString(),
      outcome: unreadable ? 'failed' : 'processed',
      counts: {
        new: summary.new,
        updated: summary.updated,
        merged: summary.merged,
        ignored: summary.ignored,
        withheld: summary.withheld,
        canceled: summary.canceled,
        rejected: summary.rejected.length,
      },
      problems,
    });
  }
  if (ready.length) {
    const failed = summaries.filter((s) => s.rejected.length).length;
    await recordSourceRun(
      db,
      source,
      failed ? { items, error: `${failed} of ${ready.length} files had problems; see their .error.txt` } : { items },
      new Date(now).toISOString(),
    );
  }
  return { files: ready.length, summary: summaries };
}
