/**
 * `npm run audit`: Lighthouse (mobile emulation, Debian's chromium) on the front page and an
 * article page of a fresh demo site served in-process; prints the four category scores.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { listArticles } from '../src/content/articles.js';
import { openDatabase } from '../src/ops/bootstrap.js';
import { seedDemo } from '../src/demo/seed.js';
import { articlePath } from '../src/presentation/urls.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-audit-'));
const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }) };
const store = await openDatabase(config);
await seedDemo(store.db, { dataDir });
const article = (await listArticles(store.db, { kind: 'news', limit: 1 })).items[0]!;
const app = await buildApp({ config, store });
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const rows: Record<string, string | number>[] = [];
try {
  for (const [name, url] of [
    ['front page', `${base}/`],
    ['article', `${base}${articlePath(article)}`],
  ] as const) {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
    const categories = result!.lhr.categories;
    rows.push({
      page: name,
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
      'best practices': Math.round((categories['best-practices']?.score ?? 0) * 100),
      seo: Math.round((categories.seo?.score ?? 0) * 100),
      'DOM elements': result!.lhr.audits['dom-size']?.numericValue ?? '?',
      'LCP ms': Math.round(result!.lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
      'TBT ms': Math.round(result!.lhr.audits['total-blocking-time']?.numericValue ?? 0),
      CLS: Number((result!.lhr.audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
      bytes: result!.lhr.audits['total-byte-weight']?.numericValue ?? '?',
    });
    const below = Object.values(result!.lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
      .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
    if (below.length) console.log(`${name}: audits below 0.9: ${below.join(', ')}`);
  }
} finally {
  await chrome.kill();
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.table(rows);
