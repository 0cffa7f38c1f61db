import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../db/connect.js';
import { ingestInputs, optionsForSource, type SourceHooks } from './run.js';
import { recordSourceFile, recordSourceRun, type WireSource } from './sources.js';
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

/**
 * Processes the complete files of a source's drop folder: each goes to processed/ once ingested
 * (beside a .error.txt when some of its items were rejected), or to failed/ beside a .error.txt
 * saying why when it could not be read at all. Each file's counts (new, updated, merged,
 * ignored, withheld, canceled, rejected) are recorded for the sources screen.
 */
export async function scanDropFolder(db: DB, source: WireSource, now = Date.now(), hooks: SourceHooks = {}): Promise<{ files: number; summary: IngestSummary[] }> {
  if (!source.folder) return { files: 0, summary: [] };
  fs.mkdirSync(source.folder, { recursive: true });
  const ready = fs
    .readdirSync(source.folder, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !PARTIAL.test(e.name))
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
      counts: { new: summary.new, updated: summary.updated, merged: summary.merged, ignored: summary.ignored, withheld: summary.withheld, canceled: summary.canceled, rejected: summary.rejected.length },
      problems,
    });
  }
  if (ready.length) {
    const failed = summaries.filter((s) => s.rejected.length).length;
    await recordSourceRun(db, source, failed ? { items, error: `${failed} of ${ready.length} files had problems; see their .error.txt` } : { items }, new Date(now).toISOString());
  }
  return { files: ready.length, summary: summaries };
}
