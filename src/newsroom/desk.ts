import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../content/audit.js';
import type { Permission } from './permissions.js';
import type { Session } from './sessions.js';

/** What every newsroom route is given, and what it declares. The route runner is in routes.tsx. */

export type Form = Record<string, string | string[] | undefined>;

/** A file sent to an upload route, streamed to a temporary file (removed after the answer). */
export interface UploadedFile {
  path: string;
  bytes: number;
  filename: string;
}

export interface DeskContext {
  request: FastifyRequest;
  reply: FastifyReply;
  session: Session | null;
  form: Form;
  /** The files of a multipart form, by field name (only on routes with `uploads`). */
  files: Record<string, UploadedFile>;
  params: Record<string, string>;
  query: Record<string, string>;
  render: (title: string, body: JSX.Element, status?: number, options?: { script?: boolean | 'inbox' }) => Promise<FastifyReply>;
}

/** A newsroom route: its address, the permission it needs, and a handler. */
export interface DeskRoute {
  method: 'GET' | 'POST';
  url: string;
  permission: Permission | 'public';
  /** Takes a multipart form with a file; every other route refuses multipart unread. */
  uploads?: true;
  handler: (ctx: DeskContext) => Promise<unknown>;
}

/** A refusal the route runner shows as a page with its status (404, 403). */
export class DeskError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The signed-in person, as the domain records who did something. */
export const actorOf = (ctx: DeskContext): Actor => ({ name: ctx.session!.user.email, userId: ctx.session!.user.id });
