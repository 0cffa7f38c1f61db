// Which code the `wiredesk` command runs: the compiled dist/ (npm run build, which npm ci runs
// as `prepare`) when it was built from exactly the sources there are now, else src/ through
// tsx. Plain JavaScript on purpose: it runs before anything can be transpiled.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bump when the build's output changes shape, so an older dist/ counts as stale. */
const STAMP_FORMAT = 1;

const stampPath = (root) => path.join(root, 'dist', '.build-stamp');

/** A hash of every file under src/ (relative path, size, modification time) and of
 *  tsconfig.json (its JSX settings shape the output). Any edit, new, removed or renamed file
 *  changes it; it costs one stat per file and reads no file. */
export function sourceFingerprint(root = repoRoot) {
  const lines = [];
  const walk = (dir, rel) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(abs, relPath);
      else {
        const st = fs.statSync(abs);
        lines.push(`${relPath}\t${st.size}\t${st.mtimeMs}`);
      }
    }
  };
  walk(path.join(root, 'src'), '');
  try {
    const st = fs.statSync(path.join(root, 'tsconfig.json'));
    lines.push(`tsconfig.json\t${st.size}\t${st.mtimeMs}`);
  } catch {
    lines.push('tsconfig.json\tmissing');
  }
  return createHash('sha256')
    .update(`${STAMP_FORMAT}\n${lines.join('\n')}`)
    .digest('hex');
}

/** What the build writes last, once dist/ is complete. */
export function writeStamp(distDir, fingerprint) {
  fs.writeFileSync(path.join(distDir, '.build-stamp'), `${JSON.stringify({ format: STAMP_FORMAT, fingerprint })}\n`);
}

/** 'dist' when dist/cli/main.js exists and dist/ was built from the sources as they are now;
 *  otherwise 'src' (no build, a failed or older build, or sources edited since). */
export function chooseEntry(root = repoRoot) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampPath(root), 'utf8'));
  } catch {
    return 'src';
  }
  if (stamp?.format !== STAMP_FORMAT || typeof stamp.fingerprint !== 'string') return 'src';
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) return 'src';
  try {
    return sourceFingerprint(root) === stamp.fingerprint ? 'dist' : 'src';
  } catch {
    return 'src';
  }
}
