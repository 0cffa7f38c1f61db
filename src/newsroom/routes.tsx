import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { getArticle, listArticles, listRevisions, articleKinds, articleStatuses, type Article, type ArticleInput, type ArticleSummary } from '../content/articles.js';
import { latestAuditFor, listAudit, recordAudit } from '../content/audit.js';
import { decodeCursor, encodeCursor } from '../content/cursor.js';
import { ConflictError, NotFoundError, ValidationError } from '../content/errors.js';
import { textOf } from '../content/html.js';
import { countArticlesBy } from '../content/articles.js';
import { createUser, listUsers, setUserDisabled, setUserRole, userRoles, verifyPassword, type UserRole } from '../content/users.js';
import { getSiteSettings, updateSiteSettings } from '../content/settings.js';
import { findPage, listPages, savePage } from '../content/pages.js';
import { listEditions, listSectors, saveEdition, saveSector } from '../content/taxonomy.js';
import { PageFormPage, PagesListPage, SettingsPage, TaxonomyPage, UsersPage, type SettingsModel } from './admin-views.js';
import { listSources } from '../wire/sources.js';
import { discardStory, getWireVersion, listInbox, primaryCopyOf, publishFromInbox, publishShotFromInbox, scheduleAtEmbargoFromInbox } from '../wire/inbox.js';
import { agencyFields, applyAgencyUpdate, declineAgencyUpdate, regenerateSummary, type AgencyField } from '../wire/agency-copy.js';
import { AgencyPanel } from './agency-views.js';
import { agencyPanelOf, workflowActionsOf } from './editor-model.js';
import { inboxStoryRow } from './inbox-model.js';
import { applyRewrite, rewriteWireCopy } from '../wire/rewrite.js';
import { effectiveKeywords, forgetSectorModel } from '../wire/tagging.js';
import { InboxPage, RewriteRefused } from './inbox-views.js';
import { webhookDeskRoutes } from './webhook-routes.js';
import { sourceDeskRoutes } from './source-routes.js';
import { authorDeskRoutes } from './author-routes.js';
import { frontDeskRoutes } from './front-routes.js';
import { mergeDeskRoutes } from './merge-routes.js';
import { splitReport } from '../wire/desk-merges.js';
import { editorToolRoutes } from './editor-tools-routes.js';
import { editorToolsOf, scheduleValueOf } from './editor-tools-model.js';
import { FocalPointForm, OthersEditing, ScheduledFor, SourcesList } from './editor-tools-views.js';
import { scheduleAtLocalTime } from '../content/local-schedule.js';
import { countriesFromForm } from './editor-input.js';
import type { Country } from '../content/taxonomy.js';
import { audiencesOf, notificationDeskRoutes } from './notification-routes.js';
import { countUnread } from '../content/notifications.js';
import { newsletterDeskRoutes } from './newsletter-routes.js';
import { audienceDeskRoutes } from './audience-routes.js';
import { feedbackDeskRoutes } from './feedback-routes.js';
import { passwordResetDeskRoutes } from './password-reset-routes.js';
import { digitalSourceTypes, listMedia, type DigitalSourceType } from '../content/media.js';
import { MAX_UPLOAD_BYTES, storeUploadedImage } from '../content/uploads.js';
import { readUploadForm, refuseBeforeBody, UPLOAD_LIMITS, UploadRefused, type UploadForm } from './upload-form.js';
import { addCorrection, createArticle, deleteDraft, editArticle, listCorrections, publishArticle, restoreRevision, returnToDraft, scheduleForEmbargo, submitForReview, unpublishArticle } from '../content/lifecycle.js';
import type { Config } from '../config.js';
import { logFailure, referenceOf } from '../ops/failures.js';
import { idFrom } from '../util/bounds.js';
import type { Store } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { articleViewOf, bylineNames, chromeOf, editionOf } from '../presentation/presenters.js';
import { articlePath, imagePath } from '../presentation/urls.js';
import { Layout } from '../site/views/layout.js';
import { ArticlePage } from '../site/views/pages.js';
import { diffArticles, diffWireItems } from './diff.js';
import { can, mayEditArticle, type Permission } from './permissions.js';
import { DeskError, type DeskContext, type DeskRoute, type Form } from './desk.js';
import { createSession, endSession, endUserSessions, findSession, newToken, sameToken, type Session } from './sessions.js';
import { newsroomCookies } from './cookies.js';
import { accountKey, addressKey, admitAttempt, clearFailures, lockedFor, refundAttempt } from './throttle.js';
import {
  ArticleFormPage,
  ArticleListPage,
  AuditPage,
  HeroUpload,
  MediaLibraryPage,
  DashboardPage,
  DeskLayout,
  DiffPage,
  DeskMessage,
  RevisionsPage,
  SignInPage,
  WorkflowActions,
  type ArticleFormModel,
  type ArticleRow,
  type DeskChrome,
} from './views.js';

/** The path parameters that are row ids, on every newsroom route that has them. */
const ROW_ID_PARAMS = ['id', 'revision'] as const;

const field = (form: Form, name: string): string => {
  const v = form[name];
  return (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
};
const fieldList = (form: Form, name: string): string[] => {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** The edit form's fields as an article change. */
function articleInputFrom(form: Form, countries: readonly Country[]): Partial<ArticleInput> {
  const authors = field(form, 'authors').split(',').map((a) => a.trim()).filter(Boolean);
  const hero = field(form, 'heroMediaId').trim();
  return {
    kind: field(form, 'kind') as ArticleInput['kind'],
    headline: field(form, 'headline'),
    standfirst: field(form, 'standfirst'),
    body: field(form, 'body'),
    datelineCity: field(form, 'datelineCity'),
    byline: authors.length ? { authors: authors.map((name) => ({ name, userId: null })) } : { desk: field(form, 'bylineDesk').trim() || 'News Desk' },
    edition: field(form, 'edition') || undefined,
    countries: countriesFromForm(fieldList(form, 'countries'), field(form, 'countryNames'), countries),
    sectors: fieldList(form, 'sectors'),
    aiInvolvement: (field(form, 'aiInvolvement') || 'none') as ArticleInput['aiInvolvement'],
    heroMediaId: /^\d+$/.test(hero) ? Number(hero) : null,
  };
}

/** Headlines and standfirsts longer than search results show. */
function lengthWarnings(headline: string, standfirst: string): string[] {
  const w: string[] = [];
  if (headline.length > 70) w.push(`The headline has ${headline.length} characters; search results show about 60–70.`);
  if (standfirst.length > 160) w.push(`The standfirst has ${standfirst.length} characters; search results show about 155–160.`);
  return w;
}

const isAgencyField = (f: string): f is AgencyField => (agencyFields as readonly string[]).includes(f);

export const newsroomRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => {
  const db = store.db;
  const directory = app.directory;
  const assets = app.assets;
  const cookies = newsroomCookies(config.siteUrl);
  await app.register(formbody, { bodyLimit: 2 * 1024 * 1024 });
  // Multipart is only marked here; upload routes read it themselves, after their checks (upload-form.ts).
  await app.register(multipart, { limits: UPLOAD_LIMITS });
  const uploadTmpDir = path.join(config.dataDir, 'tmp');

  const chromeFor = (dir: Directory, session: Session | null, unread = 0): DeskChrome => ({
    unread,
    stylesheet: assets.stylesheet,
    siteName: dir.settings.siteName,
    user: session ? { displayName: session.user.displayName, role: session.user.role } : null,
    csrfToken: session?.csrfToken ?? '',
    adminLinks: session
      ? ([
          ['front.curate', '/newsroom/front', 'Front page'],
          ['pages.manage', '/newsroom/pages', 'Pages'],
          ['authors.manage', '/newsroom/authors', 'Authors'],
          ['taxonomy.manage', '/newsroom/taxonomy', 'Sectors & editions'],
          ['users.manage', '/newsroom/users', 'Users'],
          ['settings.manage', '/newsroom/settings', 'Settings'],
          ['audience.view', '/newsroom/audience', 'Audience'],
          ['sources.manage', '/newsroom/sources', 'Wire sources'],
          ['webhooks.manage', '/newsroom/webhooks', 'Webhooks'],
          ['feedback.read', '/newsroom/feedback', 'Feedback'],
          ['newsletter.preview', '/newsroom/newsletter', 'Newsletter'],
          ['audit.read', '/newsroom/audit', 'Audit log'],
        ] as const)
          .filter(([permission]) => can(session.user.role, permission))
          .map(([, value, label]) => ({ value, label }))
      : [],
  });

  const rowOf = (a: ArticleSummary, dir: Directory): ArticleRow => ({
    id: a.id,
    headline: a.headline,
    kind: a.kind,
    status: a.status,
    byline: bylineNames(a.byline),
    when: bylineTime(a.status === 'scheduled' && a.scheduledFor ? a.scheduledFor : a.status === 'published' ? a.publishedAt ?? a.updatedAt : a.updatedAt, editionOf(dir, a)),
    editHref: `/newsroom/articles/${a.id}`,
    publicHref: a.status === 'published' ? articlePath(a) : null,
  });

  const actor = (s: Session) => ({ name: s.user.email, userId: s.user.id });

  async function loadEditable(ctx: DeskContext): Promise<Article> {
    const id = Number(ctx.params.id);
    const article = Number.isSafeInteger(id) ? await getArticle(db, id) : null;
    if (!article) throw new DeskError(404, 'There is no article with that number.');
    if (!mayEditArticle(ctx.session!.user, article)) throw new DeskError(403, 'You may not change this article.');
    return article;
  }

  async function formModel(dir: Directory, session: Session, article: Article | null, values?: Partial<ArticleFormModel['values']>, errors: string[] = []): Promise<ArticleFormModel> {
    const edition = article ? editionOf(dir, article) : dir.defaultEdition;
    const base: ArticleFormModel['values'] = article
      ? {
          kind: article.kind,
          headline: article.headline,
          standfirst: article.standfirst,
          body: article.body,
          datelineCity: article.datelineCity,
          bylineDesk: 'desk' in article.byline ? article.byline.desk : '',
          authors: 'authors' in article.byline ? article.byline.authors.map((a) => a.name).join(', ') : '',
          edition: edition.slug,
          countries: article.countries,
          countryNames: '',
          sectors: article.sectors,
          aiInvolvement: article.aiInvolvement,
          heroMediaId: article.hero ? String(article.hero.id) : '',
        }
      : { kind: 'news', headline: '', standfirst: '', body: '', datelineCity: '', bylineDesk: 'News Desk', authors: '', edition: dir.defaultEdition.slug, countries: [], countryNames: '', sectors: [], aiInvolvement: 'none', heroMediaId: '' };
    const v = { ...base, ...values };
    return {
      action: article ? `/newsroom/articles/${article.id}` : '/newsroom/articles',
      csrfToken: session.csrfToken,
      version: article?.version ?? null,
      values: v,
      options: {
        kinds: articleKinds.map((k) => ({ value: k, label: k })),
        editions: dir.editions.map((e) => ({ value: e.slug, label: e.name })),
        sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name })),
        countries: [...dir.countryByCode.values()].map((c) => ({ value: c.code, label: c.name })),
      },
      errors,
      status: article?.status ?? null,
      autosave: article && (article.status === 'draft' || article.status === 'review') ? `/newsroom/articles/${article.id}/autosave` : null,
      wordCount: textOf(v.body).split(' ').filter(Boolean).length,
      warnings: lengthWarnings(v.headline, v.standfirst),
    };
  }

  function formValuesFrom(form: Form): Partial<ArticleFormModel['values']> {
    return {
      kind: field(form, 'kind'), headline: field(form, 'headline'), standfirst: field(form, 'standfirst'), body: field(form, 'body'),
      datelineCity: field(form, 'datelineCity'), bylineDesk: field(form, 'bylineDesk'), authors: field(form, 'authors'), edition: field(form, 'edition'),
      countries: fieldList(form, 'countries').flatMap((c) => c.split(/[\s,;]+/)).filter(Boolean), countryNames: field(form, 'countryNames'), sectors: fieldList(form, 'sectors'), aiInvolvement: field(form, 'aiInvolvement'),
      heroMediaId: field(form, 'heroMediaId'),
    };
  }

  async function editPage(ctx: DeskContext, article: Article, dir: Directory, extra?: { values?: Partial<ArticleFormModel['values']>; errors?: string[]; status?: number }) {
    const s = ctx.session!;
    const actions = workflowActionsOf(article, s.user.role);
    const agency = await agencyPanelOf(db, article, dir, s);
    const edition = editionOf(dir, article);
    const [model, tools] = await Promise.all([formModel(dir, s, article, extra?.values, extra?.errors), editorToolsOf(db, article, dir, s)]);
    return ctx.render(
      `Edit ${article.headline}`,
      <ArticleFormPage
        model={model}
        banner={
          <>
            <OthersEditing model={tools} />
            <AgencyPanel model={agency} />
          </>
        }
        actions={
          <>
            <p>
              <a href={`/newsroom/articles/${article.id}/preview`}>Preview</a>
              {' · '}
              <a href={`/newsroom/articles/${article.id}/revisions`}>Revisions</a>
              {article.status === 'published' ? (
                <>
                  {' · '}
                  <a href={articlePath(article)}>Public page</a>
                </>
              ) : (
                ''
              )}
            </p>
            {tools.scheduled ? <ScheduledFor model={tools.scheduled} /> : ''}
            <WorkflowActions id={article.id} csrfToken={s.csrfToken} actions={actions} scheduleValue={scheduleValueOf(article, edition.timeZone)} timeZone={`${edition.name}, ${edition.timeZone}`} />
            <SourcesList model={tools} />
            <HeroUpload
              model={{
                articleId: article.id,
                csrfToken: s.csrfToken,
                maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
                sourceTypes: Object.entries(digitalSourceTypes).map(([value, label]) => ({ value, label })),
                current: article.hero
                  ? { src: imagePath(article.hero.file, 320), alt: article.hero.altText, caption: article.hero.caption, credit: article.hero.credit, type: article.hero.digitalSourceType }
                  : null,
              }}
            />
            <FocalPointForm model={tools} />
          </>
        }
      />,
      extra?.status,
      { script: true },
    );
  }

  async function inboxPage(ctx: DeskContext, errors: string[] = [], status = 200) {
    const dir = await directory.get();
    const q = ctx.query;
    const statuses = [
      { value: 'draft', label: 'Waiting for the desk' },
      { value: 'scheduled', label: 'Scheduled' },
      { value: 'published', label: 'Published' },
      { value: 'off', label: 'Held, taken down or killed' },
      { value: 'all', label: 'All' },
    ] as const;
    type InboxStatus = (typeof statuses)[number]['value'];
    const storyStatus: InboxStatus = statuses.some((x) => x.value === q.status) ? (q.status as InboxStatus) : 'draft';
    const sources = await listSources(db);
    const filters = {
      status: storyStatus,
      source: sources.some((x) => x.name === q.source) ? q.source! : '',
      edition: q.edition && dir.editionBySlug.has(q.edition) ? q.edition : '',
      sector: q.sector && dir.sectorBySlug.has(q.sector) ? q.sector : '',
      country: /^[A-Za-z]{2}$/.test(q.country ?? '') ? q.country!.toUpperCase() : '',
    };
    const cursor = decodeCursor(q.before);
    const page = await listInbox(db, {
      status: filters.status,
      source: filters.source || undefined,
      edition: filters.edition || undefined,
      sector: filters.sector || undefined,
      country: filters.country || undefined,
      before: cursor ? { at: cursor.at, id: cursor.id } : undefined,
    });
    const role = ctx.session!.user.role;
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
    if (page.next) query.set('before', encodeCursor({ at: page.next.at, id: page.next.id }));
    const now = new Date().toISOString();
    return ctx.render(
      'Wire inbox',
      <InboxPage
        model={{
          stories: page.stories.map((x) => inboxStoryRow(x, dir, now)),
          errors,
          filters,
          options: {
            statuses: [...statuses],
            sources: sources.map((x) => ({ value: x.name, label: x.name })),
            editions: [...dir.editionBySlug.values()].map((e) => ({ value: e.slug, label: e.name })),
            sectors: [...dir.sectorBySlug.values()].map((e) => ({ value: e.slug, label: e.name })),
          },
          olderHref: page.next ? `/newsroom/inbox?${query}` : null,
          csrfToken: ctx.session!.csrfToken,
          canTriage: can(role, 'wire.triage'),
          canRewrite: config.llm !== null && can(role, 'wire.triage'),
        }}
      />,
      status,
    );
  }

  /** The user a route acts on: never the signed-in admin (no locking oneself out). */
  function otherUserId(ctx: DeskContext): number {
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id)) throw new DeskError(404, 'There is no such user.');
    if (id === ctx.session!.user.id) throw new DeskError(403, 'You cannot change your own role or account here.');
    return id;
  }

  async function usersPage(ctx: DeskContext, errors: string[], status = 200) {
    const users = await listUsers(db);
    return ctx.render(
      'Users',
      <UsersPage
        users={users.map((u) => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, disabled: u.disabledAt !== null, self: u.id === ctx.session!.user.id }))}
        roles={userRoles.map((r) => ({ value: r, label: r }))}
        csrfToken={ctx.session!.csrfToken}
        errors={errors}
      />,
      status,
    );
  }

  const settingsFormOf = (s: Awaited<ReturnType<typeof getSiteSettings>>): SettingsModel => ({
    siteName: s.siteName, tagline: s.tagline, publisherName: s.publisherName, contactEmail: s.contactEmail,
    contactPhones: s.contactPhones.join('\n'),
    socialLinks: s.socialLinks.map((l) => `${l.label} | ${l.url}`).join('\n'),
    otherLinks: s.otherLinks.map((l) => `${l.label} | ${l.url}`).join('\n'),
    otherProducts: s.otherProducts.map((l) => `${l.label} | ${l.url}`).join('\n'),
    agencyCredit: s.agencyCredit,
    twitterHandle: s.twitterHandle,
    postalAddress: s.postalAddress,
  });

  const settingsPage = (ctx: DeskContext, values: SettingsModel, errors: string[], saved: boolean, status = 200) =>
    ctx.render('Settings', <SettingsPage values={values} csrfToken={ctx.session!.csrfToken} errors={errors} saved={saved} />, status);

  async function taxonomyPage(ctx: DeskContext, errors: string[], status = 200) {
    const [sectors, editions] = await Promise.all([listSectors(db), listEditions(db)]);
    return ctx.render(
      'Sectors and editions',
      <TaxonomyPage
        sectors={sectors.map((s) => ({ ...s, keywords: effectiveKeywords(s).join('\n') }))}
        editions={editions.map((e) => ({ ...e, tzAbbreviationDst: e.tzAbbreviationDst ?? '' }))}
        csrfToken={ctx.session!.csrfToken}
        errors={errors}
      />,
      status,
    );
  }

  /** Runs a workflow command and returns to the article. */
  /** Runs a command on the article and returns to it; a refusal (an embargo, a hold, a kill, a
   *  bad value) shows the editor again with the reason at the top. */
  const workflowRoute = (action: string, permission: Permission, run: (id: number, ctx: DeskContext) => Promise<unknown>): DeskRoute => ({
    method: 'POST',
    url: `/newsroom/articles/:id/${action}`,
    permission,
    handler: async (ctx) => {
      const article = await loadEditable(ctx);
      try {
        await run(article.id, ctx);
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof NotFoundError)) throw error;
        return editPage(ctx, (await getArticle(db, article.id)) ?? article, await directory.get(), { errors: [error.message], status: 422 });
      }
      return ctx.reply.redirect(`/newsroom/articles/${article.id}`, 303);
    },
  });

  /** The same for the inbox: refused actions come back to the inbox with the reason. */
  const inboxRoute = (action: string, run: (id: number, ctx: DeskContext) => Promise<unknown>, back: (id: number, result: unknown) => string = () => '/newsroom/inbox'): DeskRoute => ({
    method: 'POST',
    url: `/newsroom/inbox/:id/${action}`,
    permission: 'wire.triage',
    handler: async (ctx) => {
      const id = Number(ctx.params.id) || 0;
      try {
        const result = await run(id, ctx);
        return ctx.reply.redirect(back(id, result), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return inboxPage(ctx, [error.message], 422);
      }
    },
  });

  const routes: DeskRoute[] = [
    {
      method: 'GET',
      url: '/newsroom/sign-in',
      permission: 'public',
      handler: async (ctx) => {
        if (ctx.session) return ctx.reply.redirect('/newsroom', 303);
        const token = newToken();
        cookies.setSignIn(ctx.reply, token);
        return ctx.render('Sign in', <SignInPage csrfToken={token} next={safeNext(ctx.query.next)} />);
      },
    },
    {
      method: 'POST',
      url: '/newsroom/sign-in',
      permission: 'public',
      handler: async (ctx) => {
        const email = field(ctx.form, 'email').trim().toLowerCase().slice(0, 254);
        const next = safeNext(field(ctx.form, 'next'));
        const keys = [accountKey(email), addressKey(ctx.request.ip)];
        const again = (error: string, status: number) => {
          const token = newToken();
          cookies.setSignIn(ctx.reply, token);
          return ctx.render('Sign in', <SignInPage csrfToken={token} email={email} error={error} next={next} />, status);
        };
        // Counted first, checked only when admitted: parallel guesses cannot all pass the check.
        const gate = await admitAttempt(db, keys);
        if (!gate.admitted) return again(`Too many failed sign-ins. Try again in ${gate.waitSeconds} seconds.`, 429);
        const user = await verifyPassword(db, email, field(ctx.form, 'password'));
        if (!user) {
          await recordAudit(db, { name: email || '(no email)', userId: null }, 'user.sign-in-failed', '', `from ${ctx.request.ip}`);
          const nowLocked = await lockedFor(db, keys);
          return nowLocked > 0 ? again(`Too many failed sign-ins. Try again in ${nowLocked} seconds.`, 429) : again('The email or the password is wrong.', 401);
        }
        await clearFailures(db, accountKey(email));
        await refundAttempt(db, addressKey(ctx.request.ip));
        // A new session on every sign-in: a cookie planted before cannot be promoted.
        await endSession(db, cookies.sessionToken(ctx.request));
        const { token } = await createSession(db, user.id, { ip: ctx.request.ip, userAgent: String(ctx.request.headers['user-agent'] ?? '') });
        cookies.setSession(ctx.reply, token);
        cookies.clearSignIn(ctx.reply);
        await recordAudit(db, { name: user.email, userId: user.id }, 'user.sign-in', '', `from ${ctx.request.ip}`);
        return ctx.reply.redirect(next, 303);
      },
    },
    {
      method: 'POST',
      url: '/newsroom/sign-out',
      permission: 'desk.view',
      handler: async (ctx) => {
        await endSession(db, cookies.sessionToken(ctx.request));
        cookies.clearSession(ctx.reply);
        await recordAudit(db, actor(ctx.session!), 'user.sign-out');
        return ctx.reply.redirect('/newsroom/sign-in', 303);
      },
    },
    {
      method: 'GET',
      url: '/newsroom',
      permission: 'desk.view',
      handler: async (ctx) => {
        const dir = await directory.get();
        const [groups, review, scheduled, recent] = await Promise.all([
          countArticlesBy(db),
          listArticles(db, { status: 'review', limit: 20 }),
          listArticles(db, { status: 'scheduled', limit: 20 }),
          listArticles(db, { limit: 10 }),
        ]);
        const counts = Object.fromEntries(articleStatuses.map((s) => [s, 0]));
        for (const g of groups) counts[g.status] = (counts[g.status] ?? 0) + g.count;
        return ctx.render('Dashboard', <DashboardPage counts={counts} review={review.items.map((a) => rowOf(a, dir))} scheduled={scheduled.items.map((a) => rowOf(a, dir))} recent={recent.items.map((a) => rowOf(a, dir))} />);
      },
    },
    {
      method: 'GET',
      url: '/newsroom/articles',
      permission: 'desk.view',
      handler: async (ctx) => {
        const dir = await directory.get();
        const q = ctx.query;
        const status = (articleStatuses as readonly string[]).includes(q.status ?? '') ? (q.status as Article['status']) : undefined;
        const kind = (articleKinds as readonly string[]).includes(q.kind ?? '') ? (q.kind as Article['kind']) : undefined;
        const filters = {
          status: status ?? '',
          kind: kind ?? '',
          sector: q.sector && dir.sectorBySlug.has(q.sector) ? q.sector : '',
          edition: q.edition && dir.editionBySlug.has(q.edition) ? q.edition : '',
          country: /^[A-Za-z]{2}$/.test(q.country ?? '') ? q.country!.toUpperCase() : '',
          author: /^\d{1,9}$/.test(q.author ?? '') ? q.author! : '',
          text: (q.text ?? '').slice(0, 100),
        };
        // Without a status filter the desk sees what it is working on: every status but published by last change.
        const page = await listArticles(db, {
          status: status ?? 'draft',
          kind,
          sector: filters.sector || undefined,
          edition: filters.edition || undefined,
          country: filters.country || undefined,
          createdBy: filters.author ? Number(filters.author) : undefined,
          headlineContains: filters.text || undefined,
          before: decodeCursor(q.before),
          after: decodeCursor(q.after),
          limit: 30,
        });
        const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
        const link = (dir_: 'before' | 'after', c: { at: string; id: number } | null) => {
          if (!c) return null;
          const p = new URLSearchParams(params);
          p.set(dir_, encodeCursor(c));
          return `/newsroom/articles?${p.toString()}`;
        };
        return ctx.render(
          'Articles',
          <ArticleListPage
            rows={page.items.map((a) => rowOf(a, dir))}
            filters={{ ...filters, status: status ?? 'draft' }}
            options={{
              statuses: articleStatuses.map((s) => ({ value: s, label: s })),
              kinds: articleKinds.map((k) => ({ value: k, label: k })),
              sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name })),
              editions: dir.editions.map((e) => ({ value: e.slug, label: e.name })),
              authors: (await listUsers(db)).map((u) => ({ value: String(u.id), label: u.displayName })),
            }}
            olderHref={link('before', page.older)}
            newerHref={link('after', page.newer)}
          />,
        );
      },
    },
    {
      method: 'GET',
      url: '/newsroom/articles/new',
      permission: 'article.create',
      handler: async (ctx) => ctx.render('New article', <ArticleFormPage model={await formModel(await directory.get(), ctx.session!, null)} />, 200, { script: true }),
    },
    {
      method: 'POST',
      url: '/newsroom/articles',
      permission: 'article.create',
      handler: async (ctx) => {
        const s = ctx.session!;
        const dir = await directory.get();
        try {
          const article = await createArticle(db, { ...(articleInputFrom(ctx.form, [...dir.countryByCode.values()]) as ArticleInput), createdBy: s.user.id }, { actor: actor(s) });
          return ctx.reply.redirect(`/newsroom/articles/${article.id}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return ctx.render('New article', <ArticleFormPage model={await formModel(await directory.get(), s, null, formValuesFrom(ctx.form), error.problems)} />, 422);
        }
      },
    },
    {
      method: 'GET',
      url: '/newsroom/articles/:id',
      permission: 'article.edit',
      handler: async (ctx) => editPage(ctx, await loadEditable(ctx), await directory.get()),
    },
    {
      method: 'POST',
      url: '/newsroom/articles/:id',
      permission: 'article.edit',
      handler: async (ctx) => {
        const s = ctx.session!;
        const article = await loadEditable(ctx);
        const dir = await directory.get();
        const expectedVersion = Number(field(ctx.form, 'version'));
        try {
          const saved = await editArticle(db, article.id, articleInputFrom(ctx.form, [...dir.countryByCode.values()]), { actor: actor(s), expectedVersion });
          return ctx.reply.redirect(`/newsroom/articles/${saved.id}`, 303);
        } catch (error) {
          if (error instanceof ValidationError) return editPage(ctx, article, dir, { values: formValuesFrom(ctx.form), errors: error.problems, status: 422 });
          if (!(error instanceof ConflictError)) throw error;
          // Keep the refused version as a draft of its own: nobody's work is lost.
          const last = await latestAuditFor(db, `article ${article.id}:`);
          const copy = await createArticle(
            db,
            { ...(articleInputFrom(ctx.form, [...dir.countryByCode.values()]) as ArticleInput), headline: `${field(ctx.form, 'headline') || article.headline} (conflicting copy)`.slice(0, 300), slug: undefined, createdBy: s.user.id },
            { actor: actor(s) },
          ).catch(() => null);
          const current = await getArticle(db, article.id);
          const who = last ? `${last.actor} at ${bylineTime(last.at, editionOf(dir, article))}` : `someone at ${bylineTime(current!.updatedAt, editionOf(dir, article))}`;
          return editPage(ctx, current!, dir, {
            errors: [`Not saved: this article was changed by ${who} after you opened it.${copy ? ` Your version is kept as draft ${copy.id}.` : ''} The form shows the current version.`],
            status: 409,
          });
        }
      },
    },
    {
      method: 'POST',
      url: '/newsroom/articles/:id/autosave',
      permission: 'article.edit',
      handler: async (ctx) => {
        const s = ctx.session!;
        const article = await loadEditable(ctx);
        if (article.status !== 'draft' && article.status !== 'review') return ctx.reply.code(409).send({ error: 'Only drafts are saved automatically; use Save.' });
        const dir = await directory.get();
        try {
          const saved = await editArticle(db, article.id, articleInputFrom(ctx.form, [...dir.countryByCode.values()]), { actor: actor(s), expectedVersion: Number(field(ctx.form, 'version')) }, { autosave: true });
          return ctx.reply.header('cache-control', 'no-store').send({ version: saved.version, savedAt: bylineTime(saved.updatedAt, editionOf(dir, saved)) });
        } catch (error) {
          if (error instanceof ConflictError) return ctx.reply.code(409).send({ error: 'Someone else changed this article: reload it before you go on (your text is still in this window).' });
          if (error instanceof ValidationError) return ctx.reply.code(422).send({ error: `Not saved: ${error.problems.join('; ')}` });
          throw error;
        }
      },
    },
    {
      method: 'GET',
      url: '/newsroom/articles/:id/preview',
      permission: 'article.edit',
      handler: async (ctx) => {
        const article = await loadEditable(ctx);
        const dir = await directory.get();
        const view = articleViewOf(article, dir, await listCorrections(db, article.id));
        // Exactly the public page, without side blocks, and never indexed.
        const html = Layout({
          chrome: chromeOf(dir, editionOf(dir, article), new Date()),
          meta: { title: `Preview: ${article.headline}`, description: article.standfirst, canonical: `${config.siteUrl}${articlePath(article)}`, noindex: true },
          stylesheet: assets.stylesheet,
          children: <ArticlePage article={view} side={{ trending: [], opinion: [], shots: [], latest: [] }} />,
        });
        return ctx.reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      },
    },
    {
      method: 'POST',
      url: '/newsroom/articles/:id/delete',
      permission: 'article.publish',
      handler: async (ctx) => {
        const article = await loadEditable(ctx);
        await deleteDraft(db, article.id, { actor: actor(ctx.session!) });
        return ctx.reply.redirect('/newsroom/articles', 303);
      },
    },
    workflowRoute('correct', 'article.publish', (id, ctx) => addCorrection(db, id, field(ctx.form, 'note'), { actor: actor(ctx.session!) })),
    workflowRoute('submit', 'article.submit', (id, ctx) => submitForReview(db, id, { actor: actor(ctx.session!) })),
    // From the editor a person has the whole text in front of them: that is the review.
    workflowRoute('publish', 'article.publish', (id, ctx) => publishArticle(db, id, { actor: actor(ctx.session!) }, { via: 'desk', reviewed: true, override: field(ctx.form, 'override') || undefined })),
    workflowRoute('schedule-embargo', 'article.publish', (id, ctx) => scheduleForEmbargo(db, id, { actor: actor(ctx.session!) }, { via: 'desk', reviewed: true })),
    workflowRoute('agency-update', 'article.publish', (id, ctx) => applyAgencyUpdate(db, id, fieldList(ctx.form, 'fields').filter(isAgencyField), { actor: actor(ctx.session!) })),
    workflowRoute('agency-update/decline', 'article.publish', (id, ctx) => declineAgencyUpdate(db, id, { actor: actor(ctx.session!) })),
    workflowRoute('regenerate-summary', 'article.publish', (id, ctx) => regenerateSummary(db, id, { actor: actor(ctx.session!) })),
    workflowRoute('unpublish', 'article.unpublish', (id, ctx) => unpublishArticle(db, id, { actor: actor(ctx.session!) })),
    workflowRoute('draft', 'article.publish', (id, ctx) => returnToDraft(db, id, { actor: actor(ctx.session!) })),
    workflowRoute('schedule', 'article.publish', (id, ctx) => scheduleAtLocalTime(db, id, field(ctx.form, 'at'), { actor: actor(ctx.session!) }, { via: 'desk', reviewed: true })),
    {
      method: 'GET',
      url: '/newsroom/articles/:id/revisions',
      permission: 'article.edit',
      handler: async (ctx) => {
        const article = await loadEditable(ctx);
        const dir = await directory.get();
        const edition = editionOf(dir, article);
        const revisions = await listRevisions(db, article.id);
        return ctx.render(
          'Revisions',
          <RevisionsPage
            headline={article.headline}
            articleId={article.id}
            csrfToken={ctx.session!.csrfToken}
            canRestore={can(ctx.session!.user.role, 'article.restore')}
            revisions={revisions.map((r) => ({ id: r.id, at: bylineTime(r.createdAt, edition), actor: r.actor, summary: r.summary }))}
          />,
        );
      },
    },
    {
      method: 'GET',
      url: '/newsroom/articles/:id/diff',
      permission: 'article.edit',
      handler: async (ctx) => {
        const article = await loadEditable(ctx);
        const edition = editionOf(await directory.get(), article);
        const revisions = await listRevisions(db, article.id);
        const from = revisions.find((r) => r.id === Number(ctx.query.from));
        const to = revisions.find((r) => r.id === Number(ctx.query.to));
        if (!from || !to) throw new DeskError(404, 'Choose two revisions of this article to compare.');
        return ctx.render(
          'Changes',
          <DiffPage headline={article.headline} from={bylineTime(from.createdAt, edition)} to={bylineTime(to.createdAt, edition)} fields={diffArticles(from.snapshot, to.snapshot)} />,
        );
      },
    },
    {
      method: 'POST',
      url: '/newsroom/articles/:id/revisions/:revision/restore',
      permission: 'article.restore',
      handler: async (ctx) => {
        const article = await loadEditable(ctx);
        await restoreRevision(db, article.id, Number(ctx.params.revision), { actor: actor(ctx.session!) });
        return ctx.reply.redirect(`/newsroom/articles/${article.id}`, 303);
      },
    },
    {
      method: 'POST',
      url: '/newsroom/articles/:id/hero',
      permission: 'article.edit',
      uploads: true,
      handler: async (ctx) => {
        const s = ctx.session!;
        const article = await loadEditable(ctx);
        const file = ctx.files.file;
        if (!file) throw new ValidationError('Choose an image file to upload.');
        const type = field(ctx.form, 'digitalSourceType');
        const media = await storeUploadedImage(db, config.dataDir, file, {
          altText: field(ctx.form, 'altText'),
          caption: field(ctx.form, 'caption'),
          credit: field(ctx.form, 'credit'),
          digitalSourceType: (type in digitalSourceTypes ? type : 'digitalCapture') as DigitalSourceType,
        });
        await editArticle(db, article.id, { heroMediaId: media.id }, { actor: actor(s) }, { action: 'media.upload', summary: `New hero image ${media.id} (${media.mimeType}, ${media.width}×${media.height})` });
        return ctx.reply.redirect(`/newsroom/articles/${article.id}`, 303);
      },
    },
    {
      method: 'GET',
      url: '/newsroom/media',
      permission: 'desk.view',
      handler: async (ctx) =>
        ctx.render('Media library', <MediaLibraryPage items={(await listMedia(db, 60)).map((m) => ({ id: m.id, src: imagePath(m.file, 320), alt: m.altText, credit: m.credit, type: m.digitalSourceType }))} />),
    },
    // ── Administration ─────────────────────────────────────────────────────
    {
      method: 'GET',
      url: '/newsroom/users',
      permission: 'users.manage',
      handler: async (ctx) => usersPage(ctx, []),
    },
    {
      method: 'POST',
      url: '/newsroom/users',
      permission: 'users.manage',
      handler: async (ctx) => {
        try {
          await createUser(db, { email: field(ctx.form, 'email'), displayName: field(ctx.form, 'displayName'), role: field(ctx.form, 'role') as UserRole, password: field(ctx.form, 'password') }, actor(ctx.session!));
          return ctx.reply.redirect('/newsroom/users', 303);
        } catch (error) {
          if (error instanceof ValidationError) return usersPage(ctx, error.problems, 422);
          if (error instanceof ConflictError) return usersPage(ctx, [error.message], 409);
          throw error;
        }
      },
    },
    {
      method: 'POST',
      url: '/newsroom/users/:id/role',
      permission: 'users.manage',
      handler: async (ctx) => {
        const id = otherUserId(ctx);
        await setUserRole(db, id, field(ctx.form, 'role') as UserRole, actor(ctx.session!));
        await endUserSessions(db, id);
        return ctx.reply.redirect('/newsroom/users', 303);
      },
    },
    ...(['disable', 'enable'] as const).map(
      (change): DeskRoute => ({
        method: 'POST',
        url: `/newsroom/users/:id/${change}`,
        permission: 'users.manage',
        handler: async (ctx) => {
          const id = otherUserId(ctx);
          await setUserDisabled(db, id, change === 'disable', actor(ctx.session!));
          if (change === 'disable') await endUserSessions(db, id);
          return ctx.reply.redirect('/newsroom/users', 303);
        },
      }),
    ),
    {
      method: 'POST',
      url: '/newsroom/settings/logo',
      permission: 'settings.manage',
      uploads: true,
      handler: async (ctx) => {
        const file = ctx.files.file;
        if (!file) throw new ValidationError('Choose an image file for the logo.');
        const media = await storeUploadedImage(db, config.dataDir, file, { altText: `${(await getSiteSettings(db)).siteName} logo`, caption: '', credit: '', digitalSourceType: 'digitalArt' });
        await updateSiteSettings(db, { logoMediaId: media.id });
        await recordAudit(db, actor(ctx.session!), 'settings.logo', 'site settings', `logo image ${media.id}`);
        return ctx.reply.redirect('/newsroom/settings?saved=1', 303);
      },
    },
    {
      method: 'GET',
      url: '/newsroom/settings',
      permission: 'settings.manage',
      handler: async (ctx) => settingsPage(ctx, settingsFormOf(await getSiteSettings(db)), [], ctx.query.saved === '1'),
    },
    {
      method: 'POST',
      url: '/newsroom/settings',
      permission: 'settings.manage',
      handler: async (ctx) => {
        const lines = (name: string) => field(ctx.form, name).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
        const links = (name: string) => lines(name).map((l) => {
          const [label, url] = l.split('|').map((p) => p.trim());
          return { label: label ?? '', url: url ?? '' };
        });
        try {
          await updateSiteSettings(db, {
            siteName: field(ctx.form, 'siteName'), tagline: field(ctx.form, 'tagline'), publisherName: field(ctx.form, 'publisherName'),
            contactEmail: field(ctx.form, 'contactEmail'), contactPhones: lines('contactPhones'),
            socialLinks: links('socialLinks'), otherLinks: links('otherLinks'), otherProducts: links('otherProducts'),
            agencyCredit: field(ctx.form, 'agencyCredit') === 'names' ? 'names' : 'generic',
            twitterHandle: field(ctx.form, 'twitterHandle'),
            postalAddress: field(ctx.form, 'postalAddress'),
          });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return settingsPage(ctx, Object.fromEntries(Object.keys(settingsFormOf(await getSiteSettings(db))).map((k) => [k, field(ctx.form, k)])) as unknown as SettingsModel, error.problems, false, 422);
        }
          await recordAudit(db, actor(ctx.session!), 'settings.change', 'site settings');
        return ctx.reply.redirect('/newsroom/settings?saved=1', 303);
      },
    },
    {
      method: 'GET',
      url: '/newsroom/pages',
      permission: 'pages.manage',
      handler: async (ctx) => {
        const dir = await directory.get();
        const pages = await listPages(db);
        return ctx.render('Pages', <PagesListPage pages={pages.map((p) => ({ slug: p.slug, title: p.title, updated: bylineTime(p.updatedAt, dir.defaultEdition) }))} />);
      },
    },
    {
      method: 'GET',
      url: '/newsroom/pages/:slug',
      permission: 'pages.manage',
      handler: async (ctx) => {
        const page = await findPage(db, ctx.params.slug ?? '');
        return ctx.render('Page', <PageFormPage slug={page?.slug ?? ctx.params.slug ?? ''} title={page?.title ?? ''} body={page?.body ?? ''} csrfToken={ctx.session!.csrfToken} errors={[]} />);
      },
    },
    {
      method: 'POST',
      url: '/newsroom/pages/:slug',
      permission: 'pages.manage',
      handler: async (ctx) => {
        const values = { slug: field(ctx.form, 'slug') || ctx.params.slug || '', title: field(ctx.form, 'title'), body: field(ctx.form, 'body') };
        try {
          const page = await savePage(db, values);
          await recordAudit(db, actor(ctx.session!), 'page.save', `page ${page.slug}`);
          return ctx.reply.redirect(`/newsroom/pages/${page.slug}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return ctx.render('Page', <PageFormPage {...values} csrfToken={ctx.session!.csrfToken} errors={error.problems} />, 422);
        }
      },
    },
    {
      method: 'GET',
      url: '/newsroom/taxonomy',
      permission: 'taxonomy.manage',
      handler: async (ctx) => taxonomyPage(ctx, []),
    },
    {
      method: 'POST',
      url: '/newsroom/sectors',
      permission: 'taxonomy.manage',
      handler: async (ctx) => {
        try {
          const existing = (await listSectors(db)).find((s) => s.slug === field(ctx.form, 'slug'));
          const keywords = field(ctx.form, 'keywords').split(/\r?\n/).map((k) => k.trim()).filter(Boolean).join('\n');
          const sector = await saveSector(db, { slug: field(ctx.form, 'slug'), name: field(ctx.form, 'name'), description: field(ctx.form, 'description'), position: existing?.position ?? 100, keywords });
          forgetSectorModel(db);
          await recordAudit(db, actor(ctx.session!), 'sector.save', `sector ${sector.slug}`);
          return ctx.reply.redirect('/newsroom/taxonomy', 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return taxonomyPage(ctx, error.problems, 422);
        }
      },
    },
    {
      method: 'POST',
      url: '/newsroom/editions',
      permission: 'taxonomy.manage',
      handler: async (ctx) => {
        try {
          const existing = (await listEditions(db)).find((e) => e.slug === field(ctx.form, 'slug'));
          const edition = await saveEdition(db, {
            slug: field(ctx.form, 'slug'), name: field(ctx.form, 'name'), timeZone: field(ctx.form, 'timeZone'), locale: field(ctx.form, 'locale'),
            tzAbbreviation: field(ctx.form, 'tzAbbreviation'), tzAbbreviationDst: field(ctx.form, 'tzAbbreviationDst') || null,
            isDefault: existing?.isDefault ?? false, position: existing?.position ?? 100,
          });
              await recordAudit(db, actor(ctx.session!), 'edition.save', `edition ${edition.slug}`, `${edition.timeZone} ${edition.tzAbbreviation}`);
          return ctx.reply.redirect('/newsroom/taxonomy', 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return taxonomyPage(ctx, error.problems, 422);
        }
      },
    },
    {
      method: 'GET',
      url: '/newsroom/inbox',
      permission: 'desk.view',
      handler: async (ctx) => inboxPage(ctx),
    },
    {
      method: 'GET',
      url: '/newsroom/inbox/items/:id/diff',
      permission: 'desk.view',
      handler: async (ctx) => {
        const current = await getWireVersion(db, Number(ctx.params.id));
        const previousId = idFrom(ctx.query.from);
        const previous = previousId === null ? null : await getWireVersion(db, previousId);
        if (!current || !previous || previous.item.agency !== current.item.agency || previous.item.itemId !== current.item.itemId) {
          throw new DeskError(404, 'Choose two versions of the same agency item to compare.');
        }
        return ctx.render(
          'Agency changes',
          <DiffPage headline={current.item.headline} from={`version ${previous.item.version}`} to={`version ${current.item.version}`} fields={diffWireItems(previous.item, current.item)} />,
        );
      },
    },
    inboxRoute('publish', (id, ctx) => publishFromInbox(db, id, actor(ctx.session!))),
    inboxRoute('schedule-embargo', (id, ctx) => scheduleAtEmbargoFromInbox(db, id, actor(ctx.session!))),
    inboxRoute('regenerate-summary', (id, ctx) => regenerateSummary(db, id, { actor: actor(ctx.session!) })),
    {
      method: 'POST',
      url: '/newsroom/inbox/:id/rewrite',
      permission: 'wire.triage',
      handler: async (ctx) => {
        if (!config.llm) throw new DeskError(404, 'No language model is configured (LLM_BASE_URL and LLM_MODEL).');
        const id = Number(ctx.params.id) || 0;
        const copy = await primaryCopyOf(db, id);
        if (!copy) throw new DeskError(404, 'This story was not made from agency copy.');
        const result = await rewriteWireCopy(config.llm, {
          headline: copy.headline,
          standfirst: copy.standfirst,
          bodyHtml: copy.bodyHtml,
          dateline: [copy.datelineCity, copy.datelineCountry].filter(Boolean).join(', '),
        });
        if (!result.ok) {
          await recordAudit(db, actor(ctx.session!), 'article.rewrite-refused', `article ${id}`, result.reasons.join('; '));
          return ctx.render('Rewrite refused', <RewriteRefused articleId={id} reasons={result.reasons} />, 422);
        }
        await applyRewrite(db, id, result, { actor: actor(ctx.session!) });
        return ctx.reply.redirect(`/newsroom/articles/${id}`, 303);
      },
    },
    inboxRoute('shot', (id, ctx) => publishShotFromInbox(db, id, actor(ctx.session!)), (_id, shot) => `/newsroom/articles/${(shot as Article).id}`),
    inboxRoute('discard', (id, ctx) => discardStory(db, id, actor(ctx.session!))),
    inboxRoute('split', (id, ctx) => splitReport(db, id, Number(field(ctx.form, 'item')) || 0, actor(ctx.session!)), (_id, story) => `/newsroom/inbox#story-${(story as Article).id}`),
    ...mergeDeskRoutes({ db }),
    ...sourceDeskRoutes({ db, directory, outbound: config.outbound, dataDir: config.dataDir }),
    ...notificationDeskRoutes({ db, directory }),
    ...authorDeskRoutes({ db, dataDir: config.dataDir }),
    ...frontDeskRoutes({ db, directory }),
    {
      method: 'GET',
      url: '/newsroom/audit',
      permission: 'audit.read',
      handler: async (ctx) => ctx.render('Audit log', <AuditPage entries={await listAudit(db, { limit: 200 })} />),
    },
    ...editorToolRoutes({ db, directory, reopen: async (ctx, article, errors, status) => editPage(ctx, article, await directory.get(), { errors, status }) }),
    ...webhookDeskRoutes({ db, directory, outbound: config.outbound }),
    ...newsletterDeskRoutes({ db, directory, config, mailer: app.mailer }),
    ...audienceDeskRoutes({
      db,
      directory,
      sources: {
        counter: () => {
          const c = app.viewCounter.stats();
          return [
            ['Reads counted', c.accepted], ['Repeats within 30 minutes', c.duplicates], ['Bots and crawlers', c.bots], ['Prefetches and previews', c.prefetches],
            ['Newsroom users', c.newsroom], ['Invalid or from another site', c.invalid], ['Not a published story', c.unknown], ['Dropped (buffer full)', c.dropped],
            ['Written to the database', c.flushed], ['Waiting to be written', c.pending],
          ].map(([label, value]) => ({ label: String(label), value: Number(value) }));
        },
      },
    }),
    ...feedbackDeskRoutes({ db, directory }),
    ...passwordResetDeskRoutes({
      app,
      db,
      config,
      formToken: (reply) => {
        const token = newToken();
        cookies.setSignIn(reply, token);
        return token;
      },
    }),
  ];

  app.setErrorHandler(async (error, request, reply) => {
    const code = logFailure(request, error, 'newsroom request failed', reply);
    const tooLarge = (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
    const dir = await directory.get().catch(() => null);
    if (!dir) return reply.code(code).type('text/plain').send(code >= 500 ? `Something went wrong. ${referenceOf(request)}` : 'That request could not be answered');
    const session = await findSession(db, cookies.sessionToken(request)).catch(() => null);
    return reply
      .code(code)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(DeskLayout({ chrome: chromeFor(dir, session), title: 'Error', children: <DeskMessage title={code >= 500 ? 'Something went wrong' : 'That request could not be answered'} message={tooLarge ? `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: nothing was uploaded.` : code >= 500 ? `The newsroom could not do this because of a problem on our side. Nothing was changed by the failed step; try again in a moment. ${referenceOf(request)}` : code === 404 ? 'There is nothing at this address.' : 'The request was not valid.'} /> }));
  });

  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      config: { permission: route.permission },
      handler: async (request, reply) => {
        const session = await findSession(db, cookies.sessionToken(request));
        const dir = await directory.get();
        const render = async (title: string, body: JSX.Element, status = 200, options: { script?: boolean } = {}) => {
          // Counted when the page is drawn, so it includes what the handler just changed.
          const unread = session ? await countUnread(db, session.user.id, audiencesOf(session.user.role)) : 0;
          return reply
            .code(status)
            .type('text/html; charset=utf-8')
            .header('cache-control', 'no-store')
            .header('x-robots-tag', 'noindex')
            .send(DeskLayout({ chrome: chromeFor(dir, session, unread), title, children: body, script: options.script ? assets.editorScript : undefined }));
        };
        let upload: UploadForm | null = null;
        if (request.isMultipart()) {
          // Refused unread where it is not an upload by a signed-in user who may make it.
          try {
            const refusal = refuseBeforeBody(request, route, session);
            if (refusal) throw refusal;
            upload = await readUploadForm(request, { csrfToken: session!.csrfToken, tmpDir: uploadTmpDir });
          } catch (error) {
            if (!(error instanceof UploadRefused)) throw error;
            reply.header('connection', 'close');
            return render(error.title, <DeskMessage title={error.title} message={error.message} />, error.statusCode);
          }
        }
        const form = upload?.form ?? ((request.body && typeof request.body === 'object' ? request.body : {}) as Form);
        const ctx: DeskContext = { request, reply, session, form, files: upload?.files ?? {}, params: (request.params ?? {}) as Record<string, string>, query: (request.query ?? {}) as Record<string, string>, render };

        // Every state change carries a CSRF token: the session's, or before sign-in the form cookie's
        // (an upload's was its first part).
        if (route.method === 'POST' && !upload) {
          const expected = route.permission === 'public' ? cookies.signInToken(request) : session?.csrfToken;
          if (!sameToken(field(form, '_csrf'), expected)) {
            return render('Refused', <DeskMessage title="Refused" message="This form has expired or did not come from the newsroom. Go back, reload the page and try again." />, 403);
          }
        }
        if (route.permission !== 'public') {
          if (!session) {
            if (route.method === 'GET') return reply.redirect(`/newsroom/sign-in?next=${encodeURIComponent(request.url)}`, 303);
            return render('Signed out', <DeskMessage title="Signed out" message="Your session has ended. Sign in again." />, 403);
          }
          if (!can(session.user.role, route.permission)) {
            return render('Not allowed', <DeskMessage title="Not allowed" message="Your role does not allow this." />, 403);
          }
        }
        // A path's numbers are row ids (src/util/bounds.ts): one out of range names nothing, and is
        // never given to a query (PostgreSQL would refuse it).
        if (ROW_ID_PARAMS.some((name) => name in ctx.params && idFrom(ctx.params[name]) === null)) {
          return render('Not found', <DeskMessage title="Not found" message="There is nothing with that number." />, 404);
        }
        try {
          return await route.handler(ctx);
        } catch (error) {
          if (error instanceof DeskError) return render(error.statusCode === 404 ? 'Not found' : 'Not allowed', <DeskMessage title={error.statusCode === 404 ? 'Not found' : 'Not allowed'} message={error.message} />, error.statusCode);
          if (error instanceof NotFoundError) return render('Not found', <DeskMessage title="Not found" message={error.message} />, 404);
          if (error instanceof ValidationError || error instanceof ConflictError) return render('Not done', <DeskMessage title="Not done" message={error.message} />, error instanceof ConflictError ? 409 : 422);
          throw error;
        } finally {
          upload?.cleanup();
        }
      },
    });
  }
};

/** Only newsroom addresses are followed after sign-in (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && /^\/newsroom(\/[A-Za-z0-9/_?=&%.-]*)?$/.test(next) && !next.startsWith('//') ? next : '/newsroom';
}
