import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** Hashed asset names, so they can be cached for a year and still change on deploy. */
export function loadAssets() {
  const css = fs.readFileSync(path.join(ASSETS_DIR, 'site.css'));
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);
  return {
    stylesheet: `site.${hash}.css`,
    files: new Map<string, { body: Buffer; type: string }>([
      [`site.${hash}.css`, { body: css, type: 'text/css; charset=utf-8' }],
      ['favicon.svg', { body: fs.readFileSync(path.join(ASSETS_DIR, 'favicon.svg')), type: 'image/svg+xml' }],
    ]),
  };
}

