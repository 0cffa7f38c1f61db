/** Reading answers of servers we call (model servers, agency picture hosts, feeds) within limits. */

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`}`);
  }
}

/** The body of a response, refused past `maxBytes` (as declared, and as it arrives). */
export async function readBody(res: Response, maxBytes: number): Promise<Buffer> {
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks);
}

/** ": <message>" from an OpenAI-style error body ({"error": {"message": …}}), or nothing. */
export function apiErrorMessage(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string } | null;
    const message = typeof json?.error === 'string' ? json.error : json?.error?.message;
    return typeof message === 'string' && message.trim() ? `: ${message.trim().replace(/\s+/g, ' ').slice(0, 200)}` : '';
  } catch {
    return '';
  }
}
