import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../content/uploads.js';
import { can, type Permission } from './permissions.js';
import { sameToken, type Session } from './sessions.js';

/*
 * Multipart bodies (uploads) are read only on the routes that take a file, only for a signed-in
 * user whose role allows the route, and only after the first part, the form's CSRF token, has
 * matched the session's (the upload forms put it first). The file is streamed to a temporary
 * file under DATA_DIR/tmp, never held in memory, and removed when the request is answered.
 * Anything refused before the body is read is answered at once and the connection closed.
 */

export type Form = Record<string, string | string[] | undefined>;

/** A file sent to an upload route, streamed to a temporary file (removed after the answer). */
export interface UploadedFile {
  path: string;
  bytes: number;
  filename: string;
}

/** The whole request of an upload: the file and its few fields. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + 256 * 1024;
export const UPLOAD_LIMITS = { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 100_000, parts: 22 };

/** Why a multipart request was refused: shown as a page with this status. */
export class UploadRefused extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 413 | 415,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

const tooLarge = () => new UploadRefused(413, 'Too large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: nothing was uploaded.`);

/** The refusals that need no body: the route, the declared size, the session and the role. */
export function refuseBeforeBody(
  request: FastifyRequest,
  route: { uploads?: true; permission: Permission | 'public' },
  session: Session | null,
): UploadRefused | null {
  if (!route.uploads) return new UploadRefused(415, 'Not an upload', 'This address takes no files.');
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_REQUEST_BYTES) return tooLarge();
  if (!session) return new UploadRefused(403, 'Signed out', 'Your session has ended. Sign in again.');
  if (route.permission !== 'public' && !can(session.user.role, route.permission))
    return new UploadRefused(403, 'Not allowed', 'Your role does not allow this.');
  return null;
}

export interface UploadForm {
  form: Form;
  files: Record<string, UploadedFile>;
  /** Removes the temporary files (whatever the handler did with them). */
  cleanup(): void;
}

const malformed = () => new UploadRefused(400, 'Not uploaded', 'The upload was cut off or is not a valid form: nothing was uploaded. Try again.');

/** Reads a multipart form whose first part must be `_csrf` with the session's token. */
export async function readUploadForm(request: FastifyRequest, options: { csrfToken: string; tmpDir: string }): Promise<UploadForm> {
  const form: Form = {};
  const files: Record<string, UploadedFile> = {};
  const temporary: string[] = [];
  const cleanup = () => {
    for (const file of temporary.splice(0)) fs.rmSync(file, { force: true });
  };
  let first = true;
  try {
    for await (const part of request.parts({ limits: UPLOAD_LIMITS })) {
      if (first) {
        first = false;
        if (part.type !== 'field' || part.fieldname !== '_csrf' || !sameToken(String(part.value), options.csrfToken)) {
          throw new UploadRefused(403, 'Refused', 'This form has expired or did not come from the newsroom. Go back, reload the page and try again.');
        }
        continue;
      }
      if (part.type === 'field') {
        if (part.valueTruncated || part.fieldnameTruncated) throw new UploadRefused(413, 'Too large', `The field ${part.fieldname.slice(0, 40)} is too long.`);
        const value = String(part.value);
        const had = form[part.fieldname];
        form[part.fieldname] = had === undefined ? value : [...[had].flat(), value];
        continue;
      }
      fs.mkdirSync(options.tmpDir, { recursive: true, mode: 0o700 });
      const file = path.join(options.tmpDir, `upload-${randomBytes(12).toString('hex')}`);
      temporary.push(file);
      await pipeline(part.file, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      if (part.file.truncated) throw tooLarge();
      files[part.fieldname] = { path: file, bytes: fs.statSync(file).size, filename: part.filename };
    }
    if (first) throw malformed(); // not even the token
    return { form, files, cleanup };
  } catch (error) {
    cleanup();
    if (error instanceof UploadRefused) throw error;
    const e = error as { code?: string; statusCode?: number; syscall?: string };
    if (e.syscall) throw error; // the disk, not the client: a 500
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (e.statusCode === 413) throw new UploadRefused(413, 'Too large', 'The form has too many parts: nothing was uploaded.');
    throw malformed();
  }
}
