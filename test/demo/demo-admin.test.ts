import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import { verifyPassword } from '../../src/content/users.js';
import type { Store } from '../../src/db/connect.js';
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD_FILE, ensureDemoAdmin } from '../../src/demo/seed.js';
import { describeEachDatabase } from '../helpers/databases.js';

describeEachDatabase('the demo admin', (testDb) => {
  let store: Store;
  before(async () => {
    store = await testDb.open();
  });

  it('gets the password WIREDESK_ADMIN_PASSWORD gives, and no file is written', async () => {
    const admin = await ensureDemoAdmin(store.db, { dataDir: testDb.dataDir, password: 'the publisher chose this' });
    assert.deepEqual(admin, { email: DEMO_ADMIN_EMAIL, passwordFile: null });
    assert.ok(await verifyPassword(store.db, DEMO_ADMIN_EMAIL, 'the publisher chose this'));
    assert.equal(fs.existsSync(path.join(testDb.dataDir, DEMO_ADMIN_PASSWORD_FILE)), false);
    assert.equal(await ensureDemoAdmin(store.db, { dataDir: testDb.dataDir }), null, 'only while there are no users');
  });
});

describeEachDatabase('the demo admin without a given password', (testDb) => {
  it('gets a random one in a file only the owner may read, replacing whatever was there', async () => {
    const store = await testDb.open();
    const file = path.join(testDb.dataDir, DEMO_ADMIN_PASSWORD_FILE);
    fs.writeFileSync(file, 'stale\n', { mode: 0o644 });
    const admin = await ensureDemoAdmin(store.db, { dataDir: testDb.dataDir });
    assert.equal(admin?.passwordFile, file);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const password = fs.readFileSync(file, 'utf8').trim();
    assert.match(password, /^[A-Za-z0-9_-]{16}$/);
    assert.ok(await verifyPassword(store.db, DEMO_ADMIN_EMAIL, password));
  });
});
