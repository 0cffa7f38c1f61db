import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { summariesByIds } from '../content/articles.js';
import { listUsers } from '../content/users.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { articlePath } from '../presentation/urls.js';
import { countInboxByStatus, inboxTextProblem, listInbox } from '../wire/inbox.js';
import { listSources } from '../wire/sources.js';
import { assigneesOf, assignStories, discardStories, MAX_BULK, newestItemId, publishStories, recentAgencies, arrivalsSince, type BulkAction, type BulkOutcome } from '../wire/triage.js';
import { actorOf, type DeskContext, type DeskRoute } from './desk.js';
import { watchArrivals, type ArrivalOptions } from './inbox-arrivals.js';
import { doneNotice, filterQuery, inboxFilterOf, inboxStatuses, outcomeLines, readInboxQuery, statusCounts, triageLine, type InboxQuery } from './inbox-triage-model.js';
import { BulkResultPage, ConfirmPage, TriageInboxPage } from './inbox-triage-views.js';
import { can, mayEditArticle } from './permissions.js';

/**
 * The wire inbox as a desk works it (`/newsroom/inbox`): a compact list with counts, search and
 * filters in the address, bulk publish, discard and assign through one form, a confirmation
 * before publishing or discarding, a notice after, and new copy announced live
 * (`/newsroom/inbox/events`, server-sent events). The single-story actions that are not
 * publish or discard stay in routes.tsx.
 */

const rowId = z.coerce.number().int().min(1).max(2 ** 31 - 1);
const bulkInput = z.object({
  action: z.enum(['publish', 'discard', 'assign'], { error: 'Choose what to do with the stories.' }),
  ids: z.array(rowId, { error: 'Choose at least one story.' }).min(1, 'Choose at least one story.').max(MAX_BULK, `Choose at most ${MAX_BULK} stories at a time.`),
  confirmed: z.literal('yes').optional(),
  assignee: z.union([z.literal(''), rowId]).optional(),
  back: z.string().max(4000).optional(),
});

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const one = (v: unknown): string | undefined => (Array.isArray(v) ? v[0] : v) as string | undefined;

/** The filters a form carried back, read again (never used as a raw address). */
const backQuery = (back: string | undefined): InboxQuery => readInboxQuery(Object.fromEntries(new URLSearchParams(back?.replace(/^\?/, '') ?? ''))).query;

export function inboxTriageDeskRoutes({ db, directory, app, rewriting, arrivals: arrivalOptions }: { db: DB; directory: { get(): Promise<Directory> }; app: FastifyInstance; /** A language model is configured. */ rewriting: boolean; arrivals?: ArrivalOptions }): DeskRoute[] {
  const arrivals = watchArrivals(db, arrivalOptions);
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
    arrivals.stop();
  });

  async function inboxPage(ctx: DeskContext, extra: { problems?: string[]; status?: number } = {}) {
    const dir = await directory.get();
    const session = ctx.session!;
    const { query, problems } = readInboxQuery(ctx.query);
    if (query.q) {
      const problem = inboxTextProblem(query.q);
      if (problem) problems.push(problem);
    }
    const now = new Date().toISOString();
    const filter = inboxFilterOf(query, session.user.id, now);
    const page = await listInbox(db, filter);
    const { status: _status, before: _before, ...others } = filter;
    const counts = await countInboxByStatus(db, others);
    const [assignees, sources, users, agencies, newest] = [await assigneesOf(db, page.stories.map((s) => s.story.id)), await listSources(db), await listUsers(db), await recentAgencies(db), await newestItemId(db)];
    const since = query.since;
    const arrived = since === undefined ? null : await arrivalsSince(db, since);
    let notice = null;
    if (query.done && query.ids) {
      const found = await summariesByIds(db, query.ids);
      notice = doneNotice(query.done, query.ids, new Map([...found].map(([id, a]) => [id, { headline: a.headline, status: a.status, href: a.status === 'published' ? articlePath(a) : null, editHref: `/newsroom/articles/${id}` }])));
    }
    const current = query.status ?? 'draft';
    const values = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return ctx.render(
      'Wire inbox',
      <TriageInboxPage
        model={{
          lines: page.stories.map((s) => triageLine(s, dir, now, assignees.get(s.story.id)?.name ?? null, since)),
          counts: statusCounts(counts).map((c) => ({ label: c.label, count: c.count, href: `/newsroom/inbox${filterQuery({ ...query, status: c.value })}`, current: c.value === current })),
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
          olderHref: page.next ? `/newsroom/inbox${filterQuery(query, { before: page.next })}` : null,
          newestHref: query.before ? `/newsroom/inbox${filterQuery(query)}` : null,
          back: filterQuery(query),
          csrfToken: session.csrfToken,
          canTriage: can(session.user.role, 'wire.triage'),
          canRewrite: rewriting && can(session.user.role, 'wire.triage'),
          arrivals: { since: newest, eventsHref: `/newsroom/inbox/events?since=${newest}`, checkHref: `/newsroom/inbox${filterQuery(query, { since: newest })}`, count: arrived },
        }}
      />,
      extra.status,
      { script: 'inbox' },
    );
  }

  async function runBulk(ctx: DeskContext, action: BulkAction, ids: number[], assignee: number | null): Promise<BulkOutcome[]> {
    const user = ctx.session!.user;
    const options = {
      actor: actorOf(ctx),
      refuse: (article: Parameters<typeof mayEditArticle>[1]) =>
        !mayEditArticle(user, article) ? 'You may not change this story.' : action === 'publish' && !can(user.role, 'article.publish') ? 'Your role may not publish.' : null,
    };
    if (action === 'publish') return publishStories(db, ids, options);
    if (action === 'discard') return discardStories(db, ids, options);
    return assignStories(db, ids, assignee, options);
  }

  return [
    {
      method: 'GET',
      url: '/newsroom/inbox',
      permission: 'desk.view',
      handler: async (ctx) => inboxPage(ctx),
    },
    {
      method: 'POST',
      url: '/newsroom/inbox/bulk',
      permission: 'wire.triage',
      handler: async (ctx) => {
        const parsed = bulkInput.safeParse({ ...ctx.form, ids: asList(ctx.form.ids), action: one(ctx.form.action), confirmed: one(ctx.form.confirmed), assignee: one(ctx.form.assignee), back: one(ctx.form.back) });
        if (!parsed.success) return inboxPage(ctx, { problems: [...new Set(parsed.error.issues.map((i) => i.message))], status: 422 });
        const { action, ids, confirmed } = parsed.data;
        const back = filterQuery(backQuery(parsed.data.back));
        if ((action === 'publish' || action === 'discard') && !confirmed) {
          const found = await summariesByIds(db, ids);
          const stories = ids.map((id) => ({ id, headline: found.get(id)?.headline ?? `Story ${id} (no longer there)` }));
          return ctx.render(action === 'publish' ? 'Publish?' : 'Discard?', <ConfirmPage action={action} stories={stories} csrfToken={ctx.session!.csrfToken} back={back} />);
        }
        const outcomes = await runBulk(ctx, action, ids, parsed.data.assignee ? Number(parsed.data.assignee) : null);
        if (outcomes.every((o) => o.done)) {
          const params = new URLSearchParams(back.slice(1));
          params.set('done', action);
          params.set('ids', outcomes.map((o) => o.articleId).join(','));
          return ctx.reply.redirect(`/newsroom/inbox?${params}`, 303);
        }
        const title = { publish: 'Publishing', discard: 'Discarding', assign: 'Assigning' }[action];
        return ctx.render(title, <BulkResultPage title={`${title}: what was done`} lines={outcomeLines(action, outcomes)} back={back} />, outcomes.some((o) => o.done) ? 200 : 422);
      },
    },
    {
      method: 'GET',
      url: '/newsroom/inbox/events',
      permission: 'desk.view',
      handler: async (ctx) => {
        const since = rowId.safeParse(ctx.query.since);
        const sinceId = since.success ? since.data : await newestItemId(db);
        const event = (count: number) => `event: arrivals\ndata: ${JSON.stringify({ count })}\n\n`;
        // A client that is not an EventSource (a script, a link followed) gets the count once.
        if (!/text\/event-stream/.test(ctx.request.headers.accept ?? '')) {
          return ctx.reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-store').send(event(await arrivalsSince(db, sinceId)));
        }
        const reply = ctx.reply;
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
        raw.write('retry: 5000\n\n');
        const ping = setInterval(() => raw.write(': ping\n\n'), 25_000);
        ping.unref();
        const unsubscribe = arrivals.subscribe(sinceId, (count) => raw.write(event(count)));
        const end = () => {
          clearInterval(ping);
          unsubscribe();
          streams.delete(end);
          raw.end();
        };
        streams.add(end);
        ctx.request.raw.on('close', end);
        return reply;
      },
    },
  ];
}
