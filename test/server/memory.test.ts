import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { it } from 'node:test';
import { repoRoot } from '../helpers/cli.js';

// In a child process of its own: this test's process has loaded sharp through other modules.
const script = `
import fs from 'node:fs';
import { buildApp } from './src/app.ts';
import { loadConfig } from './src/config.ts';
import { openDatabase } from './src/ops/bootstrap.ts';
const vipsMapped = () => fs.readFileSync('/proc/self/maps', 'utf8').includes('libvips');
const config = loadConfig(process.env);
const store = await openDatabase(config);
const app = await buildApp({ config, store });
const page = await app.inject('/');
const beforeImage = vipsMapped();
const icon = await app.inject('/apple-touch-icon.png');
const { default: sharp } = await import('sharp');
console.log(JSON.stringify({ page: page.statusCode, icon: icon.statusCode, beforeImage, afterImage: vipsMapped(), cache: sharp.cache() }));
await app.close();
await store.close();
`;

it(
  'the server loads sharp (libvips) only when it makes its first image, with the operation cache off',
  { skip: process.platform !== 'linux' && 'reads /proc/self/maps' },
  async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-memory-'));
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PAGE_CACHE_MB: '0' },
        timeout: 60_000,
      });
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
      assert.equal(result.page, 200);
      assert.equal(result.icon, 200);
      assert.equal(result.beforeImage, false, 'libvips was mapped before any image was made');
      assert.equal(result.afterImage, true);
      assert.equal(result.cache.memory.max, 0);
      assert.equal(result.cache.items.max, 0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
