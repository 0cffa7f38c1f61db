import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Store } from '../db/connect.js';
import { viewsBeaconPath } from '../presentation/urls.js';
import { startPeriodic } from '../util/periodic.js';
import { createViewCounter, type ViewCounter, type ViewCounterOptions, type ViewCounterStats } from './counter.js';

/** The running counter: the dashboard and /healthz read its stats; shutdown writes what is left. */
export interface RunningViewCounter extends ViewCounter {
  /** Stops the timer and writes the buffered reads. */
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    viewCounter: RunningViewCounter;
  }
}

export interface AudienceOptions {
  store: Store;
  /** The newsroom session cookies (plain and `__Host-`): their holders are not counted. */
  sessionCookies: string[];
  counter?: ViewCounterOptions;
}

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** The largest body a beacon needs ("123456789012", or {"id":123456789012}). */
const BEACON_BODY_LIMIT = 64;

/** Counts since start of this process's view counter (see ViewCounterStats). */
export function viewCounterStats(app: FastifyInstance): ViewCounterStats {
  return app.viewCounter.stats();
}

/**
 * Counting reads: `POST /api/v1/views` (the article page's beacon, body: the article id) and
 * `GET /api/v1/views/<id>.gif` (the <noscript> pixel). Both answer at once (204 / the pixel,
 * never cached) whatever is decided about the read; see counter.ts for what counts.
 */
const audience: FastifyPluginAsync<AudienceOptions> = async (app, { store, sessionCookies, counter: options = {} }) => {
  const counter = createViewCounter(store.db, options);
  // The day's shared salt, so that the first reads are hashed at once (else when written).
  await counter.ready().catch((error: unknown) => app.log.warn({ err: error }, "the read counter could not fetch the day's salt yet"));
  const worker = startPeriodic(
    async () => void (await counter.flush()),
    options.flushIntervalMs ?? 1000,
    (error) => app.log.error({ err: error }, 'writing views failed; they stay buffered'),
  );
  let stopped: Promise<void> | null = null;
  const close = async () => {
    await (stopped ??= worker.stop());
    await counter.flush().catch((error: unknown) => app.log.error({ err: error }, 'writing views at shutdown failed'));
  };
  app.decorate('viewCounter', { ...counter, close });
  // Before the server stops; app.ts writes any straggler again before the database closes.
  app.addHook('preClose', close);

  const record = (request: FastifyRequest, articleId: string | number) =>
    counter.record({
      articleId,
      address: request.ip,
      userAgent: request.headers['user-agent'],
      headers: request.headers,
      newsroomUser: sessionCookies.some((name) => Boolean(request.cookies?.[name])),
    });

  // An empty 204 has nothing for helmet's headers to protect; skipping them nearly halves a
  // beacon's cost (about 130 → 75 µs of CPU), which is what a flood of them is made of.
  app.post(viewsBeaconPath, { bodyLimit: BEACON_BODY_LIMIT, helmet: false }, (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body;
    const id =
      typeof body === 'string' || typeof body === 'number' ? body : body && typeof body === 'object' && 'id' in body ? (body as { id: unknown }).id : '';
    record(request, typeof id === 'string' || typeof id === 'number' ? id : '');
    return reply.code(204).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send();
  });

  // HEAD is not a read: only GET is routed.
  app.get<{ Params: { file: string } }>(`${viewsBeaconPath}/:file`, { exposeHeadRoute: false }, (request, reply) => {
    const m = /^(\d{1,12})\.gif$/.exec(request.params.file);
    if (!m) return reply.code(404).header('cache-control', 'no-store').send();
    record(request, m[1]!);
    return reply.type('image/gif').header('cache-control', 'no-store').send(PIXEL);
  });
};

export const audienceRoutes = fp(audience, { name: 'audience' });
