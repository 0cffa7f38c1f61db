import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** Hashed asset names, so they can be cached for a year and still change on deploy. */
/** Reads a file and names it by its content hash: "site.css" → "site.0123456789.css". */
function hashed(name: string) {
  const body = fs.readFileSync(path.join(ASSETS_DIR, name));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { name: name.replace(/\.(\w+)$/, `.${hash}.$1`), body };
}

export type Assets = ReturnType<typeof loadAssets>;

/** Called once per app (app.ts decorates it as app.assets): every plugin serves the same files. */
export function loadAssets() {
  const css = hashed('site.css');
  const editor = hashed('editor.js');
  const counter = hashed('count.js');
  return {
    stylesheet: css.name,
    editorScript: editor.name,
    /** The article page's read beacon (deferred, a few hundred bytes). */
    counterScript: counter.name,
    files: new Map<string, { body: Buffer; type: string }>([
      [css.name, { body: css.body, type: 'text/css; charset=utf-8' }],
      [editor.name, { body: editor.body, type: 'text/javascript; charset=utf-8' }],
      [counter.name, { body: counter.body, type: 'text/javascript; charset=utf-8' }],
      ['favicon.svg', { body: fs.readFileSync(path.join(ASSETS_DIR, 'favicon.svg')), type: 'image/svg+xml' }],
    ]),
  };
}
