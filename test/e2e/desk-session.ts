/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createUser, type UserRole } from '../../src/content/users.js';
import type { DatabaseKind, Store } from '../../src/db/connect.js';
import { testApp } from '../helpers/app.js';
import { TestDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { launchBrowser } from './browser.js';

/*
 * What every newsroom browser test sets up the same way: a fresh database (filled by the test's
 * own seed), the person who signs in, the app listening on a free port, chromium, axe, and
 * signing in through the form. Call deskSession() inside a describe(): it registers the
 * before() and after() hooks, and its fields are there once before() has run.
 */

export const PASSWORD = 'correct horse battery staple';

export interface DeskUser {
  email: string;
  displayName: string;
  role: UserRole;
}

export interface DeskSessionOptions {
  /** SQLite unless told. */
  kind?: DatabaseKind;
  /** Fills the database before the person is made and the app starts. */
  seed?: (store: Store, testDb: TestDatabase) => Promise<void>;
  /** Who signs in (with PASSWORD); null for nobody, as on a new site. */
  user: DeskUser | null;
  /** The app over the database; testApp with SITE_URL http://127.0.0.1 unless told. */
  app?: (testDb: TestDatabase, store: Store) => Promise<FastifyInstance>;
}

export interface DeskSession {
  readonly testDb: TestDatabase;
  store: Store;
  app: FastifyInstance;
  /** The app's origin, e.g. http://127.0.0.1:41234. */
  base: string;
  browser: Browser;
  /** axe-core on the page as it is now: no violations, each named after `name`. */
  axe(page: Page, name: string): Promise<void>;
  /**
   * Opens `at` (the dashboard unless told), is sent to the sign-in form, signs in through it as
   * `email` (the session's person unless told) and is back at `at`. `onForm` runs on the form
   * before it is filled.
   */
  signIn(page: Page, options?: { at?: string; email?: string; onForm?: (page: Page) => Promise<void> }): Promise<void>;
  /** Fills and sends the sign-in form the page shows, and waits for the dashboard (or `landing`). */
  submitSignIn(page: Page, options?: { email?: string; landing?: string }): Promise<void>;
}

/** axe-core on the page as it is now: no violations, each named after `name`. `disableRules`
 *  leaves out rules that do not apply (say what and why where you use it). */
export async function assertNoAxeViolations(page: Page, name: string, disableRules: string[] = []): Promise<void> {
  const result = await new AxeBuilder({ page }).disableRules(disableRules).analyze();
  assert.deepEqual(
    result.violations.map(
      (v) =>
        `${name}: ${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')})`,
    ),
    [],
  );
}

export function deskSession(options: DeskSessionOptions): DeskSession {
  const testDb = new TestDatabase(options.kind ?? 'sqlite');
  let cleanup: (() => Promise<void>) | undefined;
  const email = (given?: string) => {
    const who = given ?? options.user?.email;
    if (!who) throw new Error('deskSession: nobody to sign in as (give an email)');
    return who;
  };

  const session: DeskSession = {
    testDb,
    store: undefined as unknown as Store,
    app: undefined as unknown as FastifyInstance,
    base: '',
    browser: undefined as unknown as Browser,
    axe: (page, name) => assertNoAxeViolations(page, name),
    async signIn(page, { at = '/newsroom', email: who, onForm } = {}) {
      await page.goto(`${session.base}${at}`);
      await page.waitForURL(/\/newsroom\/sign-in/);
      if (onForm) await onForm(page);
      await session.submitSignIn(page, { email: who, landing: at });
    },
    async submitSignIn(page, { email: who, landing = '/newsroom' } = {}) {
      await page.fill('#email', email(who));
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(`${session.base}${landing}`);
    },
  };

  before(async () => {
    await testDb.create();
    session.store = await testDb.open();
    await options.seed?.(session.store, testDb);
    if (options.user) await createUser(session.store.db, { ...options.user, password: PASSWORD }, testActor());
    session.app = await (options.app ?? ((db, store) => testApp(db, store, { SITE_URL: 'http://127.0.0.1' })))(testDb, session.store);
    session.base = await session.app.listen({ port: 0, host: '127.0.0.1' });
    const launched = await launchBrowser();
    session.browser = launched.browser;
    cleanup = launched.cleanup;
  });
  after(async () => {
    await cleanup?.();
    await session.app?.close();
    await testDb.destroy();
  });
  return session;
}
