import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Actor } from '../content/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../content/errors.js';
import { countUnread } from '../content/notifications.js';
import { MAX_UPLOAD_BYTES } from '../content/uploads.js';
import type { DB } from '../db/connect.js';
import { logFailure, referenceOf } from '../ops/failures.js';
import type { Assets } from '../site/assets.js';
import type { Directory } from '../content/directory.js';
import { formText } from '../util/form.js';
import { newsroomCookies, type NewsroomCookies } from './cookies.js';
import { DeskLayout, DeskMessage } from './desk-views.js';
import { audiencesOf, can, type Permission } from './permissions.js';
import { chromeOf } from './presenters/chrome.js';
import { findSession, sameToken, type Session } from './sessions.js';
import { readUploadForm, refuseBeforeBody, UPLOAD_LIMITS, UploadRefused, type Form, type UploadedFile, type UploadForm } from './upload-form.js';
import { deskUrls, NEWSROOM, type DeskPath } from '../presentation/desk-urls.js';

/*
 * The desk kit: what a newsroom route declares, and the one gate every route goes through.
 *
 * A route declares its method, its path (from urls.ts), its permission, a zod schema for each
 * of its params, query and form, and a handler that calls one domain command and answers with
 * a page or a redirect. The gate checks the CSRF token, the session and the permission, parses
 * the input, runs the handler and turns refusals into pages: a param that names nothing is a
 * 404, a form the schema or the domain refuses (ValidationError) is the route's own page shown
 * again with the problems and 422, a ConflictError the same with 409.
 */

export type { Form, UploadedFile };

/** What the screens are built from: one per app. */
export interface Desk {
  db: DB;
  config: Config;
  app: FastifyInstance;
  cookies: NewsroomCookies;
  assets: Assets;
}

export interface DeskContext<S extends Session | null = Session> {
  request: FastifyRequest;
  reply: FastifyReply;
  /** Signed in on every route but the public ones. */
  session: S;
  dir: Directory;
  /** The form as sent, for showing it again when it is refused. */
  form: Form;
  /** The files of a multipart form, by field name (only on routes with `uploads`). */
  files: Record<string, UploadedFile>;
}

/** A page of the newsroom, drawn in the desk's layout. */
export interface Page {
  kind: 'page';
  title: string;
  body: JSX.Element;
  status: number;
  /** The page's script: the editor's (true), the inbox's keys and live arrivals, or none. */
  script: boolean | 'inbox';
}
export interface Redirect {
  kind: 'redirect';
  to: string;
}
/** What a handler answers: a page, a redirect, or (JSON, CSV, a preview) the reply it sent itself. */
export type Answer = Page | Redirect | FastifyReply;

export const page = (title: string, body: JSX.Element, options: { status?: number; script?: boolean | 'inbox' } = {}): Page => ({
  kind: 'page',
  title,
  body,
  status: options.status ?? 200,
  script: options.script ?? false,
});
/** After a change: 303, so reloading the next page does not send the form again. */
export const redirect = (to: string): Redirect => ({ kind: 'redirect', to });

type Schema = z.ZodType;
interface InputSchemas {
  params?: Schema;
  query?: Schema;
  form?: Schema;
}
type Parsed<T> = T extends Schema ? z.output<T> : Record<string, never>;
export interface Input<I extends InputSchemas> {
  params: Parsed<I['params']>;
  query: Parsed<I['query']>;
  form: Parsed<I['form']>;
}

interface RouteSpec<I extends InputSchemas, S extends Session | null> {
  method: 'GET' | 'POST';
  /** From urls.ts. */
  path: Pick<DeskPath, 'pattern'>;
  input?: I;
  /** Takes a multipart form with a file; every other route refuses multipart unread. */
  uploads?: true;
  /** A workflow step that finds nothing to act on is refused like bad input (shown on the same page). */
  notFoundIsRefusal?: true;
  handler: (ctx: DeskContext<S>, input: Input<I>) => Promise<Answer>;
  /** The route's page again, with what was refused: for bad input (422) and conflicts (409). */
  refused?: (ctx: DeskContext<S>, refusal: Refusal, params: Parsed<I['params']>) => Promise<Page>;
}

/** A newsroom route, as the gate runs it. */
export interface DeskRoute {
  method: 'GET' | 'POST';
  url: string;
  permission: Permission | 'public';
  uploads?: true;
  notFoundIsRefusal?: true;
  input: InputSchemas;
  handler: (ctx: DeskContext<Session | null>, input: Input<InputSchemas>) => Promise<Answer>;
  refused?: (ctx: DeskContext<Session | null>, refusal: Refusal, params: unknown) => Promise<Page>;
}

/** Why input was refused: each problem, and the whole in one line (a domain error's message). */
export interface Refusal {
  problems: string[];
  message: string;
}
const refusalOf = (error: ValidationError | ConflictError | NotFoundError): Refusal => ({
  problems: error instanceof ValidationError ? error.problems : [error.message],
  message: error.message,
});

/** One part of a request read by its route's schema; a route that declares none gets `{}`. */
const parseInput = (schema: Schema | undefined, value: unknown) => (schema ? schema.safeParse(value ?? {}) : { success: true as const, data: {} });

const declared = (permission: Permission | 'public', spec: RouteSpec<InputSchemas, Session | null>): DeskRoute => ({
  ...spec,
  url: `${NEWSROOM}${spec.path.pattern}`,
  permission,
  input: spec.input ?? {},
});

/** A route for a signed-in user whose role has `permission`. */
export const route = <I extends InputSchemas>(permission: Permission, spec: RouteSpec<I, Session>): DeskRoute =>
  declared(permission, spec as unknown as RouteSpec<InputSchemas, Session | null>);
type Declared<I extends InputSchemas> = Omit<RouteSpec<I, Session>, 'method' | 'path'>;
/** A page (or a download) for a signed-in user whose role has `permission`. */
export const get = <I extends InputSchemas>(path: Pick<DeskPath, 'pattern'>, permission: Permission, spec: Declared<I>): DeskRoute =>
  route(permission, { ...spec, method: 'GET', path });
/** A change (a form sent) by a signed-in user whose role has `permission`. */
export const post = <I extends InputSchemas>(path: Pick<DeskPath, 'pattern'>, permission: Permission, spec: Declared<I>): DeskRoute =>
  route(permission, { ...spec, method: 'POST', path });
/** A route anyone may open (sign-in, password reset): it still checks the form's CSRF cookie. */
export const publicRoute = <I extends InputSchemas>(spec: RouteSpec<I, Session | null>): DeskRoute =>
  declared('public', spec as unknown as RouteSpec<InputSchemas, Session | null>);

/** A refusal the gate shows as a page with its status (404, 403). */
export class DeskError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The signed-in person, as the domain records who did something. */
export const actorOf = (ctx: DeskContext): Actor => ({ name: ctx.session.user.email, userId: ctx.session.user.id });

const message = (title: string, text: string, status: number) => page(title, <DeskMessage title={title} message={text} />, { status });
const zodRefusal = (error: z.ZodError): Refusal => {
  const problems = error.issues.map((i) => i.message);
  return { problems, message: problems.join(' ') };
};

/** Registers the routes under the newsroom prefix, behind the gate. */
export async function mountDesk(app: FastifyInstance, config: Config, db: DB, screens: ((desk: Desk) => DeskRoute[])[]): Promise<void> {
  const assets = app.assets;
  const cookies = newsroomCookies(config.siteUrl);
  const desk: Desk = { db, config, app, cookies, assets };
  await app.register(formbody, { bodyLimit: 2 * 1024 * 1024 });
  // Multipart is only marked here; upload routes read it themselves, after their checks (upload-form.ts).
  await app.register(multipart, { limits: UPLOAD_LIMITS });
  const uploadTmpDir = path.join(config.dataDir, 'tmp');

  app.setErrorHandler(async (error, request, reply) => {
    const code = logFailure(request, error, 'newsroom request failed', reply);
    const tooLarge = (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
    const dir = await app.directory.get().catch(() => null);
    if (!dir)
      return reply
        .code(code)
        .type('text/plain')
        .send(code >= 500 ? `Something went wrong. ${referenceOf(request)}` : 'That request could not be answered');
    const session = await findSession(db, cookies.sessionToken(request)).catch(() => null);
    const text = tooLarge
      ? `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: nothing was uploaded.`
      : code >= 500
        ? `The newsroom could not do this because of a problem on our side. Nothing was changed by the failed step; try again in a moment. ${referenceOf(request)}`
        : code === 404
          ? 'There is nothing at this address.'
          : 'The request was not valid.';
    return reply
      .code(code)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        DeskLayout({
          chrome: chromeOf(dir, session, assets.stylesheet),
          title: 'Error',
          children: <DeskMessage title={code >= 500 ? 'Something went wrong' : 'That request could not be answered'} message={text} />,
        }),
      );
  });

  for (const one of screens.flatMap((screen) => screen(desk))) {
    app.route({ method: one.method, url: one.url, config: { permission: one.permission }, handler: (request, reply) => gate(one, request, reply) });
  }

  async function gate(route: DeskRoute, request: FastifyRequest, reply: FastifyReply) {
    const session = await findSession(db, cookies.sessionToken(request));
    const dir = await app.directory.get();
    const send = async (answer: Answer): Promise<FastifyReply> => {
      if (!('kind' in answer)) return answer;
      if (answer.kind === 'redirect') return reply.redirect(answer.to, 303);
      // Counted when the page is drawn, so it includes what the handler just changed.
      const unread = session ? await countUnread(db, session.user.id, audiencesOf(session.user.role)) : 0;
      return reply
        .code(answer.status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .send(
          DeskLayout({
            chrome: chromeOf(dir, session, assets.stylesheet, unread),
            title: answer.title,
            children: answer.body,
            script: answer.script === 'inbox' ? assets.inboxScript : answer.script ? assets.editorScript : undefined,
          }),
        );
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
        return send(message(error.title, error.message, error.statusCode));
      }
    }
    const form = upload?.form ?? ((request.body && typeof request.body === 'object' ? request.body : {}) as Form);

    // Every state change carries a CSRF token: the session's, or before sign-in the form cookie's
    // (an upload's was its first part).
    if (route.method === 'POST' && !upload) {
      const expected = route.permission === 'public' ? cookies.signInToken(request) : session?.csrfToken;
      if (!sameToken(formText(form._csrf), expected)) {
        return send(message('Refused', 'This form has expired or did not come from the newsroom. Go back, reload the page and try again.', 403));
      }
    }
    if (route.permission !== 'public') {
      if (!session) {
        if (route.method === 'GET') return reply.redirect(deskUrls.signIn({ next: request.url }), 303);
        return send(message('Signed out', 'Your session has ended. Sign in again.', 403));
      }
      if (!can(session.user.role, route.permission)) return send(message('Not allowed', 'Your role does not allow this.', 403));
    }

    const ctx: DeskContext<Session | null> = { request, reply, session, dir, form, files: upload?.files ?? {} };
    try {
      // A path that names nothing (a row id out of range, src/util/bounds.ts) is never given to a query.
      const params = parseInput(route.input.params, request.params);
      if (!params.success) return send(message('Not found', 'There is nothing with that number.', 404));
      // Query schemas read leniently (a bad filter falls back); one that refuses answers 400, not 500.
      const parsedQuery = parseInput(route.input.query, request.query);
      if (!parsedQuery.success) return send(message('Not understood', zodRefusal(parsedQuery.error).message, 400));
      const query = parsedQuery.data;
      const parsedForm = parseInput(route.input.form, form);
      if (!route.refused) {
        if (!parsedForm.success) return send(message('Not done', zodRefusal(parsedForm.error).message, 422));
        return await send(await route.handler(ctx, { params: params.data, query, form: parsedForm.data } as Input<InputSchemas>));
      }
      const refused = async (refusal: Refusal, status: number) => send({ ...(await route.refused!(ctx, refusal, params.data)), status });
      if (!parsedForm.success) return refused(zodRefusal(parsedForm.error), 422);
      try {
        return await send(await route.handler(ctx, { params: params.data, query, form: parsedForm.data } as Input<InputSchemas>));
      } catch (error) {
        if (error instanceof ValidationError) return refused(refusalOf(error), 422);
        if (error instanceof ConflictError) return refused(refusalOf(error), 409);
        if (error instanceof NotFoundError && route.notFoundIsRefusal) return refused(refusalOf(error), 422);
        throw error;
      }
    } catch (error) {
      if (error instanceof DeskError) return send(message(error.statusCode === 404 ? 'Not found' : 'Not allowed', error.message, error.statusCode));
      if (error instanceof NotFoundError) return send(message('Not found', error.message, 404));
      if (error instanceof ValidationError || error instanceof ConflictError)
        return send(message('Not done', error.message, error instanceof ConflictError ? 409 : 422));
      throw error;
    } finally {
      upload?.cleanup();
    }
  }
}
