// npm run build (and npm ci, as `prepare`): src/**/*.ts(x) → dist/**/*.js, one file per file
// (esbuild, no bundling, no type check: `npm run typecheck` does that), with every other file
// under src/ (the site's CSS, scripts and mark) copied beside them, since the code finds those
// relative to itself. dist/.build-stamp is written last; bin/wiredesk.js runs dist/ only when
// the stamp matches the sources. Plain JavaScript, so it needs nothing built to run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot, sourceFingerprint, writeStamp } from '../bin/entry.js';

// esbuild comes with tsx (a dependency); resolving it from tsx works however npm lays it out.
const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');

const started = performance.now();
const srcDir = path.join(repoRoot, 'src');
const distDir = path.join(repoRoot, 'dist');
const tmpDir = path.join(repoRoot, `.dist-build-${process.pid}`);

// Fingerprint first: a source edited while this runs leaves the stamp stale, not wrong.
const fingerprint = sourceFingerprint(repoRoot);

const entryPoints = [];
const assets = [];
for (const rel of fs.readdirSync(srcDir, { recursive: true })) {
  const abs = path.join(srcDir, rel);
  if (!fs.statSync(abs).isFile()) continue;
  if (rel.endsWith('.d.ts')) continue;
  if (/\.tsx?$/.test(rel)) entryPoints.push(abs);
  else assets.push(rel);
}

fs.rmSync(tmpDir, { recursive: true, force: true });
try {
  await esbuild.build({
    entryPoints,
    outdir: tmpDir,
    outbase: srcDir,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // tsconfig.json: "jsx": "react-jsx", "jsxImportSource": "@kitajs/html"
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    jsx: 'automatic',
    jsxImportSource: '@kitajs/html',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  for (const rel of assets) {
    fs.mkdirSync(path.dirname(path.join(tmpDir, rel)), { recursive: true });
    fs.copyFileSync(path.join(srcDir, rel), path.join(tmpDir, rel));
  }
  writeStamp(tmpDir, fingerprint);
  // Swap the finished tree in; a command starting meanwhile finds no stamp and runs src/.
  fs.rmSync(distDir, { recursive: true, force: true });
  fs.renameSync(tmpDir, distDir);
} finally {
  fs.rmSync(tmpDir, { recursive: true, force: true });
}

console.log(`Built dist/: ${entryPoints.length} modules, ${assets.length} assets, in ${Math.round(performance.now() - started)} ms.`);
