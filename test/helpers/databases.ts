import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe } from 'node:test';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase } from '../../src/ops/bootstrap.js';
import type { DatabaseKind, Store } from '../../src/db/connect.js';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names a server we may create databases on. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, empty database of one kind, with its own DATA_DIR. */
export class TestDatabase {
  target!: DatabaseTarget;
  dataDir!: string;
  private pgName: string | null = null;
  private stores: Store[] = [];
  private closers: (() => Promise<unknown>)[] = [];

  constructor(readonly kind: DatabaseKind) {}

  async create(): Promise<void> {
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-test-'));
    if (this.kind === 'sqlite') {
      this.target = { kind: 'sqlite', file: path.join(this.dataDir, 'wiredesk.db') };
      return;
    }
    const adminUrl = process.env.TEST_DATABASE_URL!;
    this.pgName = `wiredesk_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`create database "${this.pgName}"`);
    } finally {
      await client.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${this.pgName}`;
    this.target = { kind: 'postgres', url: url.toString() };
  }

  /** DATABASE_URL and DATA_DIR for a child process using this database. */
  get env(): Record<string, string> {
    return {
      DATABASE_URL: this.target.kind === 'sqlite' ? `sqlite:${this.target.file}` : this.target.url,
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'silent',
    };
  }

  /** Opens (and migrates) the database; closed again at teardown. */
  async open(): Promise<Store> {
    const store = await openDatabase({ database: this.target });
    this.stores.push(store);
    return store;
  }

  /** Runs `close` at teardown, before the stores close (an app over this database, say). */
  closeWith(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  async destroy(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close().catch(() => {});
    for (const store of this.stores.splice(0)) await store.close().catch(() => {});
    if (this.pgName) {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
      await client.connect();
      try {
        await client.query(`drop database if exists "${this.pgName}" with (force)`);
      } finally {
        await client.end();
      }
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Counts tests per database when WIREDESK_TEST_TALLY names a file (CI prints the totals). */
function tally(kind: DatabaseKind) {
  const file = process.env.WIREDESK_TEST_TALLY;
  if (file) fs.appendFileSync(file, `${kind}\n`);
}

/**
 * Declares the same suite once per database: `[sqlite]` always, `[postgres]` when
 * TEST_DATABASE_URL is set. Each gets a fresh database for the whole suite.
 */
export function describeEachDatabase(title: string, body: (db: TestDatabase) => void): void {
  for (const kind of databaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      const db = new TestDatabase(kind);
      before(() => db.create());
      after(() => db.destroy());
      afterEach(() => tally(kind));
      body(db);
    });
  }
}
