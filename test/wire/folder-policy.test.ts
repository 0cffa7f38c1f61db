import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dropFolderProblem, FEED_FILE } from '../../src/wire/folder-policy.js';
import { repoRoot } from '../helpers/cli.js';

/** Which folders a drop-folder source may watch (the watcher moves what it finds there). */
describe('drop folder rules', () => {
  let root = '';
  let places: { dataDir: string; home: string; installDir: string };
  const dir = (...parts: string[]) => {
    const p = path.join(root, ...parts);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-folders-')));
    places = { dataDir: dir('srv', 'data'), home: dir('home', 'desk'), installDir: dir('opt', 'wiredesk') };
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const problem = (folder: string, others: string[] = []) => dropFolderProblem(folder, places, others);

  it('takes an existing absolute folder made for the source', () => {
    assert.equal(problem(dir('agencies', 'meridian')), null);
    assert.equal(problem(`${dir('agencies', 'trailing')}/`), null);
    assert.equal(problem(dir('home', 'desk', 'wire')), null, 'a folder inside a home directory');
    assert.equal(problem(dir('srv', 'data', 'wire-drop')), null, "DATA_DIR's drop area (the demo's source)");
    assert.equal(problem(dir('srv', 'data', 'wire-drop', 'agency')), null);
  });

  it('refuses a relative path, a missing folder (and never creates it) and a file', () => {
    assert.match(problem('wire/drop')!, /must be an absolute path .*not “wire\/drop”/);
    assert.match(problem('./drop')!, /absolute path/);
    const missing = path.join(root, 'not-made');
    assert.match(problem(missing)!, /does not exist: create it for this source first/);
    assert.equal(fs.existsSync(missing), false);
    const file = path.join(dir('files'), 'feed.xml');
    fs.writeFileSync(file, '<rss/>');
    assert.match(problem(file)!, /is not a folder/);
  });

  it('refuses system folders and anything inside them, existing or not', () => {
    assert.match(problem('/')!, /root folder/);
    for (const folder of [
      '/etc',
      '/etc/ssl',
      '/usr',
      '/usr/local/share',
      '/bin',
      '/sbin',
      '/lib',
      '/lib64',
      '/proc',
      '/proc/self',
      '/sys',
      '/dev',
      '/dev/shm',
      '/boot',
      '/root',
      '/root/wire',
      '/run',
      '/var',
      '/var/lib',
      '/var/lib/postgresql',
      '/var/log/wire',
    ]) {
      assert.match(problem(folder) ?? 'accepted', /is a system folder/, folder);
    }
    // Under /var, only spooled or local data: these pass the rules (and are refused only for not existing).
    for (const folder of ['/var/spool/wiredesk-test-agency', '/var/local/wiredesk-test-agency', '/var/opt/wiredesk-test-agency']) {
      assert.match(problem(folder)!, /does not exist/, folder);
    }
    assert.match(problem('/var/spool')!, /system folder/);
  });

  it('refuses shared roots themselves, hidden folders, and a symbolic link into a refused place', () => {
    for (const folder of ['/tmp', '/var/tmp', '/home', '/mnt', '/media', '/srv', '/opt'])
      assert.match(problem(folder) ?? 'accepted', /shared folder|system folder/, folder);
    assert.match(problem(dir('home', 'desk', '.ssh'))!, /hidden folder/);
    assert.match(problem(dir('.config', 'wire'))!, /hidden folder/);
    const link = path.join(root, 'innocent');
    fs.symlinkSync('/etc', link);
    assert.match(problem(link)!, new RegExp(`${link} \\(/etc\\) is a system folder`));
  });

  it('refuses the data directory, what is in it (but its drop area) and what holds it', () => {
    assert.match(problem(places.dataDir)!, /in the data directory/);
    assert.match(problem(dir('srv', 'data', 'media'))!, /in the data directory \(DATA_DIR /);
    assert.match(problem(dir('srv', 'data', 'wire-dropping'))!, /in the data directory/);
    assert.match(problem(dir('srv'))!, /holds the data directory/);
    const link = path.join(root, 'data-link');
    fs.symlinkSync(places.dataDir, link);
    assert.match(problem(link)!, /in the data directory/);
  });

  it("refuses the program's own folder, what is in it and what holds it; a home directory and what holds it", () => {
    assert.match(problem(places.installDir)!, /program's own folder/);
    assert.match(problem(dir('opt', 'wiredesk', 'node_modules'))!, /program's own folder/);
    assert.match(problem(dir('opt'))!, /program's own folder/);
    assert.match(
      dropFolderProblem(path.join(repoRoot, 'src'), { dataDir: places.dataDir, home: places.home })!,
      /program's own folder/,
      'the installed program by default',
    );
    assert.match(problem(places.home)!, /home directory/);
    assert.match(problem(dir('home'))!, /home directory/);
  });

  it("refuses another source's folder, a folder inside it and one around it", () => {
    const other = dir('agencies', 'equator');
    assert.match(problem(other, [other])!, /another source's drop folder/);
    assert.match(problem(dir('agencies', 'equator', 'processed'), [other])!, /another source's drop folder/);
    assert.match(problem(dir('agencies'), [other])!, /another source's drop folder/);
    assert.equal(problem(dir('agencies', 'equator-2'), [other]), null);
  });

  it('takes feed files only', () => {
    for (const name of ['a.xml', 'b.JSON', 'c.rss', 'd.atom', 'e.ninjs', 'f.newsml', 'g.g2']) assert.ok(FEED_FILE.test(name), name);
    for (const name of ['notes.txt', 'photo.jpg', 'wiredesk.db', 'wiredesk.db-wal', 'id_rsa', 'xml', 'feed.xml.bak']) assert.ok(!FEED_FILE.test(name), name);
  });
});
