import { Readable } from 'node:stream';
import { z } from 'zod';
import { exportAudience } from '../audience/export.js';
import { exportArticles } from '../syndication/export.js';
import { actorOf, get, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { asSent } from './desk-input.js';
import { deskUrls } from '../presentation/desk-urls.js';

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

/** The ranges as sent: the export commands check them (a bad one is refused, 422, saying why). */
const articlesRange = z.object({ since: asSent, until: asSent });
const audienceRange = z.object({ from: asSent, to: asSent });

export function exportRoutes({ db, config }: Desk): DeskRoute[] {
  return [
    get(deskUrls.exportArticles, 'desk.export', {
      input: { query: articlesRange },
      handler: async (ctx, { query }) => {
        const { lines } = await exportArticles(db, ctx.dir, config.siteUrl, query, actorOf(ctx));
        return download(ctx, 'application/jsonl; charset=utf-8', `articles-${new Date().toISOString().slice(0, 10)}.jsonl`, lines);
      },
    }),
    get(deskUrls.exportAudience, 'desk.export', {
      input: { query: audienceRange },
      handler: async (ctx, { query }) => {
        const { range, lines } = await exportAudience(db, query, new Date(), actorOf(ctx));
        return download(ctx, 'text/csv; charset=utf-8', `audience-${range.from}-${range.to}.csv`, lines);
      },
    }),
  ];
}
