import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Which folders a drop-folder source may watch. The watcher moves every feed file it finds into
 * processed/ or failed/, so a source pointed at a system or data folder would empty it. A drop
 * folder is an existing absolute directory made for the source: never created by the desk, not
 * a system path, not the data directory or the program's own, not a home directory or a hidden
 * folder, and not another source's. Checked when a source is saved and again at every scan.
 */

/** Where this program and its data live, which a drop folder must keep out of. */
export interface DropFolderPlaces {
  /** DATA_DIR: only its `wire-drop` folder (the demo's) and what is inside it may be watched. */
  dataDir: string;
  /** The program's own folder; by default the one this file is installed in. */
  installDir?: string;
  /** The home directory of the user running the program; by default os.homedir(). */
  home?: string;
}

/** The one folder inside DATA_DIR that drop folders may use (the demo seeds its source there). */
export const DATA_DROP_FOLDER = 'wire-drop';

/** src/wire/ or dist/wire/: two levels under the program's folder. */
const INSTALL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** System folders: neither they nor anything inside them. */
const SYSTEM = ['/etc', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/sys', '/dev', '/boot', '/root', '/run', '/snap', '/var'];
/** Inside /var, only below these (spooled or local data made for the purpose). */
const VAR_ALLOWED = ['/var/spool', '/var/local', '/var/opt'];
/** Shared roots: never the folder itself (a folder made inside them is fine). */
const SHARED_ROOTS = ['/tmp', '/var/tmp', '/home', '/mnt', '/media', '/srv', '/opt'];

const inside = (child: string, parent: string) => child !== parent && child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
const within = (child: string, parent: string) => child === parent || inside(child, parent);

/** A path made absolute, without a trailing separator, with symbolic links resolved where it exists. */
function real(p: string): string {
  const resolved = path.resolve(p);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    return resolved;
  }
}

/**
 * Why `folder` may not be a drop folder, or null when it may. `others`: the folders of the other
 * sources (a folder inside, around or the same as another source's would take its files).
 */
export function dropFolderProblem(folder: string, places: DropFolderPlaces, others: readonly string[] = []): string | null {
  if (!path.isAbsolute(folder)) return `The drop folder must be an absolute path (such as /srv/wire/agency), not “${folder}”.`;
  const given = path.normalize(folder).replace(/(.)\/+$/, '$1');
  const resolved = real(folder);
  const shown = resolved === given ? given : `${given} (${resolved})`;
  const dataDir = real(places.dataDir);
  const dataDrop = path.join(dataDir, DATA_DROP_FOLDER);
  // DATA_DIR/wire-drop is the program's own drop area, wherever DATA_DIR is (often /var/lib/…).
  const inDataDrop = within(resolved, dataDrop) && dataDir !== '/';
  for (const p of new Set([given, resolved])) {
    if (p === '/') return 'The drop folder cannot be the root folder /.';
    const system = SYSTEM.find((s) => within(p, s));
    if (system && !VAR_ALLOWED.some((v) => inside(p, v)) && !(system === '/var' && inDataDrop)) {
      return `The drop folder ${shown} is a system folder (${system}${system === '/var' ? `; under /var only inside ${VAR_ALLOWED.join(', ')}` : ''}): files there must never be moved.`;
    }
    if (SHARED_ROOTS.includes(p)) return `The drop folder ${shown} is a shared folder: make a folder for this source inside it.`;
    if (!inDataDrop && p.split(path.sep).some((part) => part.startsWith('.'))) return `The drop folder ${shown} is or is inside a hidden folder.`;
  }
  if (!inDataDrop) {
    const home = real(places.home ?? os.homedir());
    const installDir = real(places.installDir ?? INSTALL_DIR);
    if (within(resolved, dataDir))
      return `The drop folder ${shown} is in the data directory (DATA_DIR ${dataDir}): use a folder outside it, or inside ${dataDrop}.`;
    if (inside(dataDir, resolved)) return `The drop folder ${shown} holds the data directory (DATA_DIR ${dataDir}).`;
    if (within(resolved, installDir) || inside(installDir, resolved))
      return `The drop folder ${shown} is, holds or is inside the program's own folder (${installDir}).`;
    if (resolved === home || inside(home, resolved)) return `The drop folder ${shown} is or holds a home directory: make a folder for this source inside it.`;
  }
  for (const other of others) {
    const o = real(other);
    if (within(resolved, o) || inside(o, resolved)) return `The drop folder ${shown} is, holds or is inside another source's drop folder (${other}).`;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return `The drop folder ${shown} does not exist: create it for this source first (the desk never creates one).`;
    return `The drop folder ${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`;
  }
  if (!stat.isDirectory()) return `The drop folder ${shown} is not a folder.`;
  return null;
}

/** The files a drop folder takes: feed files by their extension; anything else stays where it is. */
export const FEED_FILE = /\.(xml|rss|atom|json|ninjs|newsml|g2)$/i;
