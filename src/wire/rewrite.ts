import { z } from 'zod';
import type { ModelEndpoint } from '../config.js';
import type { Article } from '../content/articles.js';
import type { Actor } from '../content/audit.js';
import { editArticle } from '../content/lifecycle.js';
import { paragraphsToHtml, sanitizeBody, textOf } from '../content/html.js';
import type { IsoTime } from '../content/time.js';
import type { DB } from '../db/connect.js';
import { checkFacts } from './fact-guard.js';
import { OutboundRefusedError } from '../net/address-policy.js';
import { BodyTooLargeError, readBody } from '../net/http-body.js';
import { describeFailure, describeStatus, outboundFetch } from '../net/outbound.js';

/**
 * Rewriting agency copy with a language model (optional: only when LLM_BASE_URL and LLM_MODEL
 * are set). The model gets the agency text and returns a headline, a standfirst and paragraphs
 * as JSON; the answer is checked against a schema and then by the fact guard, which refuses any
 * number, date or name that the agency did not send. Whatever goes wrong comes back as a refusal
 * with reasons, never as an exception: the story simply keeps the agency's copy.
 */

/** What the agency sent: the model's only source. */
export interface AgencyCopy {
  headline: string;
  standfirst: string;
  /** Sanitised body HTML. */
  bodyHtml: string;
  /** "MOMBASA, Kenya" or just the city; may be empty. */
  dateline: string;
}

export type RewriteResult = { ok: true; headline: string; standfirst: string; bodyHtml: string; model: string } | { ok: false; reasons: string[] };
export type RewriteSuccess = Extract<RewriteResult, { ok: true }>;

export interface RewriteOptions {
  /** The whole exchange, answer included (default 60 s). */
  timeoutMs?: number;
  /** The largest answer read (default 1 MB). */
  maxResponseBytes?: number;
}

export const REWRITE_TIMEOUT_MS = 60_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Longer agency copy is not sent: a model would shorten it by leaving things out. */
const MAX_SOURCE_CHARS = 40_000;

export const REWRITE_LIMITS = { headlineChars: 120, standfirstWords: 60, paragraphs: 30, paragraphChars: 2000 } as const;

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The answer we accept from the model. */
export const rewriteSchema = z.object({
  headline: z
    .string()
    .trim()
    .min(1, 'the headline is empty')
    .max(REWRITE_LIMITS.headlineChars, `the headline is longer than ${REWRITE_LIMITS.headlineChars} characters`),
  standfirst: z
    .string()
    .trim()
    .min(1, 'the standfirst is empty')
    .refine((s) => countWords(s) <= REWRITE_LIMITS.standfirstWords, `the standfirst is longer than ${REWRITE_LIMITS.standfirstWords} words`),
  body: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'a paragraph is empty')
        .max(REWRITE_LIMITS.paragraphChars, `a paragraph is longer than ${REWRITE_LIMITS.paragraphChars} characters`),
    )
    .min(1, 'the body has no paragraphs')
    .max(REWRITE_LIMITS.paragraphs, `the body has more than ${REWRITE_LIMITS.paragraphs} paragraphs`),
});

/** The JSON schema sent as `response_format`, the same shape as rewriteSchema. */
export const rewriteJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['headline', 'standfirst', 'body'],
  properties: {
    headline: { type: 'string', maxLength: REWRITE_LIMITS.headlineChars, description: 'Sentence case, at most 120 characters.' },
    standfirst: { type: 'string', description: 'One or two sentences, at most 60 words.' },
    body: {
      type: 'array',
      minItems: 1,
      maxItems: REWRITE_LIMITS.paragraphs,
      items: { type: 'string', description: 'One paragraph of plain text.' },
    },
  },
} as const;

export const REWRITE_SYSTEM_PROMPT = [
  'You are a sub-editor on the wire desk of a news site about development: aid, health, education, farming, climate, the economy and governance in low- and middle-income countries.',
  'Rewrite the agency story you are given for our readers. Rules:',
  '- Use only facts in the agency text. Add no facts, numbers, dates, names, places, quotes, background or context that it does not contain.',
  '- Keep every number, date and name exactly as the agency gives it. Do not convert currencies or units, round numbers or work out weekdays or dates.',
  '- Neutral and concise: no opinion, speculation, adjectives of judgement or clickbait. Attribute claims as the agency does; keep quotations word for word or leave them out.',
  '- Headline in sentence case (capitalise only the first word and proper names), at most 120 characters. Standfirst: one or two sentences, at most 60 words. Body: 3 to 12 short paragraphs of plain text, no HTML or markdown, most important facts first.',
  '- Answer with one JSON object only: {"headline": string, "standfirst": string, "body": [string, ...]}.',
].join('\n');

/** The agency body as paragraphs of plain text. */
function paragraphsOf(bodyHtml: string): string[] {
  return bodyHtml
    .split(/<\/(?:p|h[1-6]|li|blockquote|pre|td|th|figcaption)>|<br\s*\/?>/i)
    .map((chunk) => textOf(chunk))
    .filter(Boolean);
}

/** Everything the agency sent, as plain text: what the fact guard checks against. */
export function agencyText(copy: AgencyCopy): string {
  return [copy.dateline, copy.headline, copy.standfirst, ...paragraphsOf(copy.bodyHtml)].filter((s) => s.trim()).join('\n');
}

function userMessage(copy: AgencyCopy): string {
  return [
    `Headline: ${copy.headline}`,
    copy.dateline ? `Dateline: ${copy.dateline}` : '',
    copy.standfirst ? `Standfirst: ${copy.standfirst}` : '',
    'Body:',
    paragraphsOf(copy.bodyHtml).join('\n\n'),
  ]
    .filter(Boolean)
    .join('\n');
}

const refuse = (...reasons: string[]): RewriteResult => ({ ok: false, reasons });

/**
 * Asks the model for a rewrite of `copy` and checks it. Never throws for anything the server or
 * the model does: every failure is `{ ok: false, reasons }`.
 */
export async function rewriteWireCopy(llm: ModelEndpoint, copy: AgencyCopy, options: RewriteOptions = {}): Promise<RewriteResult> {
  const timeoutMs = options.timeoutMs ?? REWRITE_TIMEOUT_MS;
  const source = agencyText(copy);
  if (!source.trim()) return refuse('the agency copy is empty');
  if (source.length > MAX_SOURCE_CHARS) return refuse(`the agency copy is too long to rewrite (${source.length} characters; at most ${MAX_SOURCE_CHARS})`);

  const messages = [
    { role: 'system', content: REWRITE_SYSTEM_PROMPT },
    { role: 'user', content: userMessage(copy) },
  ];
  const request = {
    model: llm.model,
    messages,
    temperature: 0.2,
    stream: false,
    response_format: { type: 'json_schema', json_schema: { name: 'wire_rewrite', strict: true, schema: rewriteJsonSchema } },
  };
  const signal = AbortSignal.timeout(timeoutMs);
  let answer = await callChat(llm, request, signal, timeoutMs, options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
  // A server that does not know structured output may refuse the field: ask once more without it.
  if (!answer.ok && answer.status === 400 && /response_format|json_schema/i.test(answer.detail)) {
    const { response_format: _ignored, ...plain } = request;
    answer = await callChat(llm, plain, signal, timeoutMs, options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
  }
  if (!answer.ok) return refuse(answer.reason);

  const content = contentOf(answer.json);
  if (typeof content !== 'string') return refuse(content.reason);
  const object = extractJsonObject(content);
  if (object === undefined) return refuse("the model's answer is not a JSON object");
  const parsed = rewriteSchema.safeParse(object);
  if (!parsed.success) {
    return refuse(...parsed.error.issues.map((i) => `the model's answer does not fit: ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`));
  }
  const { headline, standfirst, body } = parsed.data;
  const reasons = checkFacts(source, { headline, standfirst, paragraphs: body });
  if (reasons.length) return { ok: false, reasons };
  const bodyHtml = sanitizeBody(paragraphsToHtml(body));
  if (!bodyHtml) return refuse('the rewritten body is empty');
  return { ok: true, headline, standfirst, bodyHtml, model: llm.model };
}

type ChatAnswer = { ok: true; json: unknown } | { ok: false; reason: string; status?: number; detail: string };

/**
 * One chat request through the outbound client. The model server is the operator's setting
 * (LLM_BASE_URL), so its own address is trusted; a redirect is refused. A refusal names the
 * status, never the server's words: reasons are shown to the desk and kept in the audit log.
 */
async function callChat(llm: ModelEndpoint, body: object, signal: AbortSignal, timeoutMs: number, maxBytes: number): Promise<ChatAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (llm.apiKey) headers.authorization = `Bearer ${llm.apiKey}`;
  try {
    const res = await outboundFetch(`${llm.baseUrl}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal,
      timeoutMs,
      maxBytes,
      redirect: 'error',
      trust: [llm.baseUrl],
    });
    const text = (await readBody(res, maxBytes)).toString('utf8');
    if (!res.ok) {
      return { ok: false, status: res.status, detail: text.slice(0, 2000), reason: `the model server ${describeStatus(res.status)}` };
    }
    try {
      return { ok: true, json: JSON.parse(text) };
    } catch {
      return { ok: false, detail: '', reason: 'the model server did not answer with JSON' };
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return { ok: false, detail: '', reason: `the model server's answer is larger than ${Math.round(maxBytes / 1024)} KB` };
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError' || signal.aborted) {
      return { ok: false, detail: '', reason: `the model server did not answer within ${Math.round(timeoutMs / 100) / 10} s` };
    }
    if (error instanceof OutboundRefusedError) return { ok: false, detail: '', reason: `the model server could not be used: ${error.message}` };
    return { ok: false, detail: '', reason: `the model server could not be reached: ${describeFailure(error, timeoutMs)}` };
  }
}

/** The text of the first choice, or why there is none. */
function contentOf(json: unknown): string | { reason: string } {
  const choice = (json as { choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }[] } | null)?.choices?.[0];
  if (!choice?.message) return { reason: 'the model server answered without a message' };
  if (typeof choice.message.refusal === 'string' && choice.message.refusal.trim())
    return { reason: `the model declined: ${choice.message.refusal.trim().slice(0, 200)}` };
  const content = choice.message.content;
  if (typeof content !== 'string' || !content.trim()) return { reason: 'the model answered with no text' };
  if (choice.finish_reason === 'length') return { reason: 'the model stopped before the end of its answer (length limit)' };
  return content;
}

/**
 * The JSON object in a model's text: the whole text, or the object inside code fences or
 * surrounding prose (servers that ignore response_format), after any <think> section.
 */
export function extractJsonObject(content: string): unknown {
  const text = content.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const candidates = [text];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fenced) candidates.push(fenced[1]!.trim());
  const start = text.indexOf('{');
  if (start >= 0) {
    const end = matchingBrace(text, start);
    if (end > start) candidates.push(text.slice(start, end + 1));
  }
  for (const candidate of candidates) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch {
      // the next candidate
    }
  }
  return undefined;
}

/** Index of the brace closing the one at `start`, strings respected; -1 when unbalanced. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

export const REWRITE_ACTOR: Actor = { name: 'wire desk', userId: null };

/**
 * Puts a successful rewrite into the story: headline, standfirst and body replaced, marked as
 * generated by AI and no longer reviewed, with a revision and an audit entry naming the model.
 * A person's later edit of the text makes it 'assisted' (content/lifecycle.ts, editArticle).
 */
export async function applyRewrite(
  db: DB,
  articleId: number,
  rewrite: RewriteSuccess,
  ctx: { actor?: Actor; now?: IsoTime; expectedVersion?: number } = {},
): Promise<Article> {
  const summary = `Rewritten from the agency copy by the language model ${rewrite.model}`;
  return editArticle(
    db,
    articleId,
    { headline: rewrite.headline, standfirst: rewrite.standfirst, body: rewrite.bodyHtml, aiInvolvement: 'generated' },
    { actor: ctx.actor ?? REWRITE_ACTOR, now: ctx.now, expectedVersion: ctx.expectedVersion },
    { textBy: 'machine', action: 'article.rewrite', summary },
  );
}
