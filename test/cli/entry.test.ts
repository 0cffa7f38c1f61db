import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chooseEntry, sourceFingerprint, writeStamp } from '../../bin/entry.js';
import { repoRoot } from '../helpers/cli.js';

/*
 * bin/wiredesk.js runs the compiled dist/ only when dist/.build-stamp matches the sources as they
 * are now, else src/ through tsx. Each case builds a small project of its own in a temporary
 * folder (never the repository's dist/, which other tests' commands may be running from), with
 * every file's modification time set explicitly rather than taken from the clock.
 */

const DAY1 = new Date('2025-01-01T00:00:00Z');
const DAY2 = new Date('2025-01-02T00:00:00Z');

function write(root: string, rel: string, text: string, time = DAY1) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.utimesSync(file, time, time);
}

function project(prefix: string, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) write(root, rel, text);
  return root;
}

/** A project whose dist/ was built from its sources as they are. */
function builtProject(): string {
  const root = project('wiredesk-entry-', {
    'tsconfig.json': '{}\n',
    'src/cli/main.ts': 'export const main = (): void => {};\n',
    'src/site/view.tsx': 'export const View = () => <p>hi</p>;\n',
    'src/site/assets/site.css': 'p { color: red }\n',
    'dist/cli/main.js': 'export const main = () => {};\n',
  });
  writeStamp(path.join(root, 'dist'), sourceFingerprint(root));
  return root;
}

describe('bin/entry.js: dist/ or src/', () => {
  const roots: string[] = [];
  const fresh = () => {
    const root = builtProject();
    roots.push(root);
    return root;
  };
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('chooses dist/ right after a build', () => {
    assert.equal(chooseEntry(fresh()), 'dist');
  });

  it('chooses src/ once a source is newer, and dist/ again when it is back as it was built', () => {
    const root = fresh();
    const file = path.join(root, 'src/site/view.tsx');
    fs.utimesSync(file, DAY2, DAY2);
    assert.equal(chooseEntry(root), 'src');
    fs.utimesSync(file, DAY1, DAY1);
    assert.equal(chooseEntry(root), 'dist');
  });

  it('chooses src/ when a source changes size, even with its old modification time', () => {
    const root = fresh();
    write(root, 'src/cli/main.ts', 'export const main = (): void => { console.log(1); };\n', DAY1);
    assert.equal(chooseEntry(root), 'src');
  });

  it('chooses src/ when a source is added, removed or renamed, and when a non-TypeScript file under src/ changes', () => {
    const added = fresh();
    write(added, 'src/content/new.ts', 'export {};\n');
    assert.equal(chooseEntry(added), 'src');

    const removed = fresh();
    fs.rmSync(path.join(removed, 'src/site/view.tsx'));
    assert.equal(chooseEntry(removed), 'src');

    const renamed = fresh();
    fs.renameSync(path.join(renamed, 'src/site/view.tsx'), path.join(renamed, 'src/site/page.tsx'));
    assert.equal(chooseEntry(renamed), 'src');

    const asset = fresh();
    fs.utimesSync(path.join(asset, 'src/site/assets/site.css'), DAY2, DAY2);
    assert.equal(chooseEntry(asset), 'src');
  });

  it('chooses src/ when tsconfig.json changes (its JSX settings shape the output)', () => {
    const root = fresh();
    fs.utimesSync(path.join(root, 'tsconfig.json'), DAY2, DAY2);
    assert.equal(chooseEntry(root), 'src');
  });

  it('chooses src/ without a stamp, with an unreadable one, and without dist/cli/main.js', () => {
    const noStamp = fresh();
    fs.rmSync(path.join(noStamp, 'dist/.build-stamp'));
    assert.equal(chooseEntry(noStamp), 'src');

    const garbled = fresh();
    fs.writeFileSync(path.join(garbled, 'dist/.build-stamp'), 'not json');
    assert.equal(chooseEntry(garbled), 'src');

    const otherFormat = fresh();
    const stamp = JSON.parse(fs.readFileSync(path.join(otherFormat, 'dist/.build-stamp'), 'utf8'));
    fs.writeFileSync(path.join(otherFormat, 'dist/.build-stamp'), JSON.stringify({ ...stamp, format: 0 }));
    assert.equal(chooseEntry(otherFormat), 'src');

    const noMain = fresh();
    fs.rmSync(path.join(noMain, 'dist/cli/main.js'));
    assert.equal(chooseEntry(noMain), 'src');

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-entry-empty-'));
    roots.push(empty);
    assert.equal(chooseEntry(empty), 'src');
  });
});

describe('bin/wiredesk.js and scripts/build.js in a project of their own', () => {
  let root: string;
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, args, {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      timeout: 60_000,
    });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };

  before(() => {
    root = project('wiredesk-bin-', {
      'package.json': '{ "type": "module" }\n',
      'tsconfig.json': fs.readFileSync(path.join(repoRoot, 'tsconfig.json'), 'utf8'),
      'bin/wiredesk.js': fs.readFileSync(path.join(repoRoot, 'bin/wiredesk.js'), 'utf8'),
      'bin/entry.js': fs.readFileSync(path.join(repoRoot, 'bin/entry.js'), 'utf8'),
      'scripts/build.js': fs.readFileSync(path.join(repoRoot, 'scripts/build.js'), 'utf8'),
      // Says which tree it runs from; the JSX and the asset check that the build handled both.
      'src/cli/main.ts': [
        "import fs from 'node:fs';",
        "import { Hello } from '../site/hello.js';",
        'export async function main(argv: string[]): Promise<void> {',
        "  const from: string = import.meta.url.includes('/dist/') ? 'dist' : 'src';",
        "  const css = fs.readFileSync(new URL('../site/assets/site.css', import.meta.url), 'utf8').trim();",
        "  process.stdout.write(`${from} ${await Hello({ name: argv.slice(2).join(' ') })} ${css}\\n`);",
        '}',
        '',
      ].join('\n'),
      'src/site/hello.tsx': 'export const Hello = ({ name }: { name: string }) => <b class="hi">{name}</b>;\n',
      'src/site/assets/site.css': 'b { color: red }\n',
      'src/types/extra.d.ts': 'export {};\n',
    });
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs src/ through tsx before any build', () => {
    assert.equal(run(['bin/wiredesk.js', 'news desk']), 'src <b class="hi">news desk</b> b { color: red }\n');
  });

  it('builds every module and asset into dist/ with a stamp, and then runs dist/', () => {
    assert.match(run(['scripts/build.js']), /Built dist\/: 2 modules, 1 assets/);
    assert.ok(fs.existsSync(path.join(root, 'dist/site/hello.js')));
    assert.ok(!fs.existsSync(path.join(root, 'dist/types')), 'declaration files compile to nothing');
    assert.equal(chooseEntry(root), 'dist');
    assert.equal(run(['bin/wiredesk.js', 'news desk']), 'dist <b class="hi">news desk</b> b { color: red }\n');
    assert.deepEqual(
      fs.readdirSync(root).filter((f) => f.startsWith('.dist-build-')),
      [],
      'no temporary build folder is left',
    );
  });

  it('runs src/ again once a source is newer than the build, and dist/ after the next build', () => {
    write(root, 'src/site/assets/site.css', 'b { color: blue }\n', new Date(Date.now() + 60_000));
    assert.equal(run(['bin/wiredesk.js', 'x']), 'src <b class="hi">x</b> b { color: blue }\n');
    run(['scripts/build.js']);
    assert.equal(run(['bin/wiredesk.js', 'x']), 'dist <b class="hi">x</b> b { color: blue }\n');
  });
});
