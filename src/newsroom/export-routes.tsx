import { Readable } from 'node:stream';
import { exportAudience } from '../audience/export.js';
import { exportArticles } from '../syndication/export.js';
import { actorOf, get, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { deskUrls } from './urls.js';

/*
 * Downloads for editors (`desk.export`): published stories as ninjs JSON Lines, and reads per
 * story and day as CSV. Both are streamed as they are read, in keyset batches; `wiredesk export`
 * writes the same lines.
 */

/** Sends a stream of lines as a download. */
function download(ctx: DeskContext, type: string, filename: string, lines: AsyncGenerator<string>) {
  return ctx.reply
    .code(200)
    .type(type)
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(lines));
}

export function exportRoutes({ db, config }: Desk): DeskRoute[] {
  return [
    get(deskUrls.exportArticles, 'desk.export', {
      handler: async (ctx) => {
        const { lines } = await exportArticles(db, ctx.dir, config.siteUrl, ctx.request.query as Record<string, unknown>, actorOf(ctx));
        return download(ctx, 'application/jsonl; charset=utf-8', `articles-${new Date().toISOString().slice(0, 10)}.jsonl`, lines);
      },
    }),
    get(deskUrls.exportAudience, 'desk.export', {
      handler: async (ctx) => {
        const { range, lines } = await exportAudience(db, ctx.request.query as Record<string, unknown>, new Date(), actorOf(ctx));
        return download(ctx, 'text/csv; charset=utf-8', `audience-${range.from}-${range.to}.csv`, lines);
      },
    }),
  ];
}
