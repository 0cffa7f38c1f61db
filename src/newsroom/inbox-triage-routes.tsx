import { z } from 'zod';
import { summariesByIds } from '../content/articles.js';
import { listUsers } from '../content/users.js';
import { articlePath } from '../presentation/urls.js';
import { countInboxByStatus, inboxTextProblem, listInbox } from '../wire/inbox.js';
import { listSources } from '../wire/sources.js';
import {
  assigneesOf,
  assignStories,
  discardStories,
  MAX_BULK,
  newestItemId,
  publishStories,
  recentAgencies,
  arrivalsSince,
  type BulkAction,
  type BulkOutcome,
} from '../wire/triage.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { optionalId } from './desk-input.js';
import { watchArrivals } from './inbox-arrivals.js';
import { BulkResultPage, ConfirmPage, TriageInboxPage } from './inbox-triage-views.js';
import { can, mayEditArticle } from './permissions.js';
import {
  doneNotice,
  filterQuery,
  inboxFilterOf,
  inboxStatuses,
  outcomeLines,
  readInboxQuery,
  statusCounts,
  triageLine,
  type InboxQuery,
} from './presenters/inbox-triage.js';
import { deskUrls } from '../presentation/desk-urls.js';

/**
 * The wire inbox as a desk works it (deskUrls.inbox): a compact list with counts, search and
 * filters in the address, bulk publish, discard and assign through one form, a confirmation
 * before publishing or discarding, a notice after, and new copy announced live
 * (deskUrls.inboxEvents, server-sent events). The single-story actions that are not publish or
 * discard stay in inbox-routes.tsx.
 */

const rowId = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);
/** A field's first value (a form may repeat any field). */
const one = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const bulkForm = z.object({
  action: z.preprocess(one, z.enum(['publish', 'discard', 'assign'], { error: 'Choose what to do with the stories.' })),
  ids: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(rowId, { error: 'Choose at least one story.' }).min(1, 'Choose at least one story.').max(MAX_BULK, `Choose at most ${MAX_BULK} stories at a time.`),
  ),
  confirmed: z.preprocess(one, z.literal('yes').optional()),
  assignee: z.preprocess(one, z.union([z.literal(''), rowId]).optional()),
  back: z.preprocess(one, z.string().max(4000).optional()),
});
/** The inbox's filters: each parameter is checked on its own, and a bad one is dropped with the reason. */
const inboxInput = z.record(z.string(), z.unknown()).transform((raw) => readInboxQuery(raw));

/** The filters a form carried back, read again (never used as a raw address). */
const backQuery = (back: unknown): InboxQuery =>
  readInboxQuery(Object.fromEntries(new URLSearchParams(typeof back === 'string' ? back.replace(/^\?/, '') : ''))).query;

export function inboxTriageRoutes({ db, config, app, cookies }: Desk): DeskRoute[] {
  const rewriting = config.llm !== null;
  const arrivals = watchArrivals(db);
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
    arrivals.stop();
  });

  async function inboxPage(ctx: DeskContext, read: { query: InboxQuery; problems: string[] }, extra: { problems?: string[]; status?: number } = {}) {
    const dir = ctx.dir;
    const session = ctx.session;
    const { query } = read;
    const problems = [...read.problems];
    if (query.q) {
      const problem = inboxTextProblem(query.q);
      if (problem) problems.push(problem);
    }
    const now = new Date().toISOString();
    const filter = inboxFilterOf(query, session.user.id, now);
    const found = await listInbox(db, filter);
    const { status: _status, before: _before, ...others } = filter;
    const counts = await countInboxByStatus(db, others);
    const [assignees, sources, users, agencies, newest] = [
      await assigneesOf(
        db,
        found.stories.map((s) => s.story.id),
      ),
      await listSources(db),
      await listUsers(db),
      await recentAgencies(db),
      await newestItemId(db),
    ];
    const since = query.since;
    const arrived = since === undefined ? null : await arrivalsSince(db, since);
    let notice = null;
    if (query.done && query.ids) {
      const done = await summariesByIds(db, query.ids);
      notice = doneNotice(
        query.done,
        query.ids,
        new Map(
          [...done].map(([id, a]) => [
            id,
            { headline: a.headline, status: a.status, href: a.status === 'published' ? articlePath(a) : null, editHref: deskUrls.article({ id }) },
          ]),
        ),
      );
    }
    const current = query.status ?? 'draft';
    const values = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return page(
      'Wire inbox',
      <TriageInboxPage
        model={{
          lines: found.stories.map((s) => triageLine(s, dir, now, assignees.get(s.story.id)?.name ?? null, since)),
          counts: statusCounts(counts).map((c) => ({
            label: c.label,
            count: c.count,
            href: `${deskUrls.inbox()}${filterQuery({ ...query, status: c.value })}`,
            current: c.value === current,
          })),
          problems: [...(extra.problems ?? []), ...problems],
          notice,
          values: { ...values, status: current },
          options: {
            statuses: inboxStatuses.map((s) => ({ value: s.value, label: s.label })),
            agencies: agencies.map((a) => ({ value: a, label: a })),
            urgencies: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((u) => ({ value: String(u), label: u === 1 ? '1 (most urgent)' : `${u} or more urgent` })),
            embargo: [
              { value: 'embargoed', label: 'Under embargo' },
              { value: 'free', label: 'Free to publish' },
            ],
            assignees: [{ value: 'me', label: 'Me' }, ...users.filter((u) => !u.disabledAt).map((u) => ({ value: String(u.id), label: u.displayName }))],
            sources: sources.map((x) => ({ value: x.name, label: x.name })),
            editions: [...dir.editionBySlug.values()].map((e) => ({ value: e.slug, label: e.name })),
            sectors: [...dir.sectorBySlug.values()].map((e) => ({ value: e.slug, label: e.name })),
          },
          olderHref: found.next ? `${deskUrls.inbox()}${filterQuery(query, { before: found.next })}` : null,
          newestHref: query.before ? `${deskUrls.inbox()}${filterQuery(query)}` : null,
          back: filterQuery(query),
          csrfToken: session.csrfToken,
          canTriage: can(session.user.role, 'wire.triage'),
          canRewrite: rewriting && can(session.user.role, 'wire.triage'),
          arrivals: {
            since: newest,
            eventsHref: deskUrls.inboxEvents({ since: newest }),
            checkHref: `${deskUrls.inbox()}${filterQuery(query, { since: newest })}`,
            count: arrived,
          },
        }}
      />,
      { status: extra.status, script: 'inbox' },
    );
  }

  async function runBulk(ctx: DeskContext, action: BulkAction, ids: number[], assignee: number | null): Promise<BulkOutcome[]> {
    const user = ctx.session.user;
    const options = {
      actor: actorOf(ctx),
      refuse: (article: Parameters<typeof mayEditArticle>[1]) =>
        !mayEditArticle(user, article)
          ? 'You may not change this story.'
          : action === 'publish' && !can(user.role, 'article.publish')
            ? 'Your role may not publish.'
            : null,
    };
    if (action === 'publish') return publishStories(db, ids, options);
    if (action === 'discard') return discardStories(db, ids, options);
    return assignStories(db, ids, assignee, options);
  }

  return [
    get(deskUrls.inbox, 'desk.view', { input: { query: inboxInput }, handler: async (ctx, { query }) => inboxPage(ctx, query) }),
    post(deskUrls.inboxBulk, 'wire.triage', {
      input: { form: bulkForm },
      handler: async (ctx, { form }) => {
        const { action, ids, confirmed } = form;
        const back = filterQuery(backQuery(form.back));
        if ((action === 'publish' || action === 'discard') && !confirmed) {
          const found = await summariesByIds(db, ids);
          const stories = ids.map((id) => ({ id, headline: found.get(id)?.headline ?? `Story ${id} (no longer there)` }));
          return page(
            action === 'publish' ? 'Publish?' : 'Discard?',
            <ConfirmPage action={action} stories={stories} csrfToken={ctx.session.csrfToken} back={back} />,
          );
        }
        const outcomes = await runBulk(ctx, action, ids, form.assignee ? Number(form.assignee) : null);
        if (outcomes.every((o) => o.done)) {
          const params = new URLSearchParams(back.slice(1));
          params.set('done', action);
          params.set('ids', outcomes.map((o) => o.articleId).join(','));
          return redirect(`${deskUrls.inbox()}?${params}`);
        }
        const title = { publish: 'Publishing', discard: 'Discarding', assign: 'Assigning' }[action];
        return page(title, <BulkResultPage title={`${title}: what was done`} lines={outcomeLines(action, outcomes)} back={back} />, {
          status: outcomes.some((o) => o.done) ? 200 : 422,
        });
      },
      // A form that names no action or no story: the inbox again (with the filters it came from) and why.
      refused: async (ctx, refusal) =>
        inboxPage(ctx, { query: backQuery(one(ctx.form.back)), problems: [] }, { problems: [...new Set(refusal.problems)], status: 422 }),
    }),
    get(deskUrls.inboxEvents, 'desk.view', {
      input: { query: z.object({ since: optionalId }) },
      handler: async (ctx, { query }) => {
        const sinceId = query.since ?? (await newestItemId(db));
        const event = (count: number) => `event: arrivals\ndata: ${JSON.stringify({ count })}\n\n`;
        // A client that is not an EventSource (a script, a link followed) gets the count once.
        if (!/text\/event-stream/.test(ctx.request.headers.accept ?? '')) {
          return ctx.reply
            .type('text/event-stream; charset=utf-8')
            .header('cache-control', 'no-store')
            .send(event(await arrivalsSince(db, sinceId)));
        }
        const reply = ctx.reply;
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
          connection: 'keep-alive',
        });
        raw.write('retry: 5000\n\n');
        const ping = setInterval(() => raw.write(': ping\n\n'), 25_000);
        ping.unref();
        // The watcher ends the stream once the session does (sign-out, expiry, account disabled).
        let unsubscribe = () => {};
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          clearInterval(ping);
          unsubscribe();
          streams.delete(end);
          raw.end();
        };
        unsubscribe = arrivals.subscribe({ sinceId, sessionToken: cookies.sessionToken(ctx.request) ?? '', tell: (count) => raw.write(event(count)), end });
        streams.add(end);
        ctx.request.raw.on('close', end);
        return reply;
      },
    }),
  ];
}
