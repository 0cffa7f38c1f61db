/** An answer other than 200 for a public page (404 for an unknown edition …): the site's error
 *  handler shows it as a styled page. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
