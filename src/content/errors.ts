/** Input that breaks a domain rule (unknown sector, headline too long, …). The message is
 *  meant for the person who sent it. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Someone else saved the record since the caller read it. */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

/** Turns a zod error into a ValidationError listing each problem with its field. */
export function fromZod(what: string, error: { issues: { path: PropertyKey[]; message: string }[] }): ValidationError {
  const problems = error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
  return new ValidationError(`Invalid ${what}: ${problems.join('; ')}`, problems);
}
