import { Option, type Command } from 'commander';
import { userRoles, type UserRole } from '../content/roles.js';
import { cliActor, out, siteUrlFor, withDatabase } from './command-support.js';
import { CliError, runAction } from './errors.js';
import { readPassword, readPasswordFile } from './password.js';

// Setting a site up and keeping it safe: init, newsroom accounts, rotating secrets.

export function addInitCommand(program: Command): void {
  program
    .command('init')
    .description('set up a production site: the reference sectors and editions, the site name and URL, and the first admin (refused on a site set up already)')
    .requiredOption('--site-name <name>', "the site's name")
    .requiredOption('--site-url <url>', 'its public address (http or https)')
    .requiredOption('--admin-email <email>', "the first admin's sign-in email")
    .option('--admin-name <name>', "the first admin's display name", 'Site admin')
    .option(
      '--password-file <file>',
      "read the admin's password from the first line of this file; else it is asked for twice on a terminal, or read from standard input",
    )
    .action((opts: { siteName: string; siteUrl: string; adminEmail: string; adminName: string; passwordFile?: string }) =>
      runAction(async () => {
        const { checkSiteSetup, isSiteSetUp, setUpSite, SiteAlreadySetUpError } = await import('../content/site-setup.js');
        const fields = { siteName: opts.siteName, siteUrl: opts.siteUrl, adminName: opts.adminName, adminEmail: opts.adminEmail };
        // Checked before the database is opened and before the password is asked for.
        checkSiteSetup(fields, ['siteName', 'siteUrl', 'adminName', 'adminEmail']);
        await withDatabase(async (store, config) => {
          if (await isSiteSetUp(store.db)) throw new SiteAlreadySetUpError();
          const password = opts.passwordFile ? readPasswordFile(opts.passwordFile) : await readPassword();
          const { admin, sectors, editions } = await setUpSite(store.db, { ...fields, password }, cliActor());
          const site = (await siteUrlFor(config, store)).siteUrl;
          out(
            `Set up "${opts.siteName.trim()}": ${sectors} sectors, ${editions} editions, admin ${admin.email} (id ${admin.id}). Start it with wiredesk serve and sign in at ${site}/newsroom.`,
          );
          if (site !== fields.siteUrl.replace(/\/+$/, '')) out(`Note: SITE_URL is set to ${site}; the server uses that rather than the URL recorded here.`);
        });
      }),
    );
}

export function addUserCommand(program: Command): void {
  const user = program.command('user').description('newsroom accounts');
  user
    .command('add')
    .description('create a newsroom user; the password is asked for, or read from standard input')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'what the user may do').choices(userRoles).makeOptionMandatory())
    .action((opts: { email: string; name: string; role: UserRole }) =>
      runAction(async () => {
        const password = await readPassword();
        await withDatabase(async (store) => {
          const { createUser } = await import('../content/users.js');
          const created = await createUser(store.db, { email: opts.email, displayName: opts.name, role: opts.role, password }, cliActor());
          out(`Created ${created.role} ${created.email} (id ${created.id}).`);
        });
      }),
    );
}

export function addRotateSecretCommand(program: Command): void {
  program
    .command('rotate-secret <which>')
    .description(
      'replace a secret: "newsletter" (the key signing readers\' links; links sent before stop working) or "sessions" (every newsroom user signs in again)',
    )
    .action((which: string) =>
      runAction(() =>
        withDatabase(async (store) => {
          if (which === 'newsletter') {
            const { rotateNewsletterSecret } = await import('../newsletter/tokens.js');
            await rotateNewsletterSecret(store.db, cliActor());
            return out('The newsletter links have a new signing secret; restart the server processes so they use it.');
          }
          if (which === 'sessions') {
            const { endAllSessions } = await import('../newsroom/sessions.js');
            const ended = await endAllSessions(store.db, cliActor());
            return out(`Ended ${ended} newsroom sessions: everyone signs in again.`);
          }
          throw new CliError(`rotate-secret takes "newsletter" or "sessions", not "${which}"`, 2);
        }),
      ),
    );
}
