import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig, type ModelEndpoint } from '../../src/config.js';
import { getArticle, listRevisions } from '../../src/content/articles.js';
import { aiAfterPersonEdit, createArticle, textDiffers } from '../../src/content/lifecycle.js';
import { listAudit } from '../../src/content/audit.js';
import type { Store } from '../../src/db/connect.js';
import { checkFacts } from '../../src/wire/fact-guard.js';
import { applyRewrite, REWRITE_ACTOR, extractJsonObject, rewriteWireCopy, type AgencyCopy, type RewriteSuccess } from '../../src/wire/rewrite.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { deskUser, post } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

const copy: AgencyCopy = {
  headline: 'Harbour dredging starts in Mombasa',
  standfirst: 'The Kenya Ports Authority began deepening the harbour on Tuesday.',
  bodyHtml:
    '<p>Work to deepen the harbour at Mombasa started on Tuesday, 14 March 2026, the Kenya Ports Authority said.</p>' +
    '<p>The project will cost $1.4 billion and employ 12,000 workers, about 3.5% of the city&#39;s labour force.</p>' +
    '<p>Ms Achieng Otieno, the authority&#39;s director, said three dredgers from São Tomé would arrive in May.</p>',
  dateline: 'MOMBASA, Kenya',
};

const faithful = {
  headline: 'Mombasa harbour dredging begins',
  standfirst: 'The Kenya Ports Authority began deepening the harbour at Mombasa on 14 March, a $1.4bn project.',
  body: [
    'Work to deepen the harbour at Mombasa began on Tuesday, the Kenya Ports Authority said.',
    'The project will cost 1.4 billion dollars and employ 12000 workers, about 3.5 per cent of the city’s labour force.',
    'Achieng Otieno, the authority’s director, said 3 dredgers from Sao Tome would arrive in May.',
  ],
};

const invented = {
  ...faithful,
  body: [...faithful.body, 'About 1,400 fishing families in Kisumu will be moved on 20 March, officials said.'],
};

/** A fake OpenAI-compatible server: each test sets how it answers and reads what it got. */
function fakeModelServer() {
  const requests: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  let answer: (req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>) => void = () => {};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // recorded as empty
      }
      requests.push({ headers: req.headers, body });
      answer(req, res, body);
    });
  });
  return {
    requests,
    answer: (fn: typeof answer) => {
      answer = fn;
    },
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const chat = (content: string) =>
  JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
const json = (res: http.ServerResponse, status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);

describe('rewriting agency copy with a language model', () => {
  const fake = fakeModelServer();
  let llm: ModelEndpoint;

  before(async () => {
    llm = { baseUrl: await fake.start(), model: 'tiny-editor:7b', apiKey: 'sk-test-key' };
  });
  after(() => fake.stop());

  it('accepts a faithful rewrite, sanitised into paragraphs, and asks with the model, the key and the JSON schema', async () => {
    fake.answer((_req, res) => json(res, 200, chat(JSON.stringify({ ...faithful, body: [...faithful.body, 'Otieno said 3 dredgers would arrive.'] }))));
    const result = await rewriteWireCopy(llm, copy);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(result.ok);
    assert.equal(result.headline, faithful.headline);
    assert.equal(result.standfirst, faithful.standfirst);
    assert.equal(result.model, 'tiny-editor:7b');
    assert.equal((result.bodyHtml.match(/<p>/g) ?? []).length, 4);
    assert.match(result.bodyHtml, /^<p>Work to deepen the harbour/);

    const request = fake.requests.at(-1)!;
    assert.equal(request.headers.authorization, 'Bearer sk-test-key');
    assert.equal(request.body.model, 'tiny-editor:7b');
    const format = request.body.response_format as { type: string; json_schema: { schema: { required: string[]; properties: Record<string, unknown> } } };
    assert.equal(format.type, 'json_schema');
    assert.deepEqual(format.json_schema.schema.required, ['headline', 'standfirst', 'body']);
    const messages = request.body.messages as { role: string; content: string }[];
    assert.equal(messages[0]!.role, 'system');
    assert.match(messages[0]!.content, /no new facts|Add no facts/i);
    assert.match(messages[1]!.content, /Kenya Ports Authority/);
    assert.match(messages[1]!.content, /Dateline: MOMBASA, Kenya/);
  });

  it('escapes markup the model writes instead of passing it to the page', async () => {
    fake.answer((_req, res) => json(res, 200, chat(JSON.stringify({ ...faithful, body: ['Mombasa <script>alert("x")</script> harbour <b>dredging</b>.'] }))));
    const result = await rewriteWireCopy(llm, copy);
    assert.ok(result.ok, JSON.stringify(result));
    assert.doesNotMatch(result.bodyHtml, /<script|<b>/);
    assert.match(result.bodyHtml, /&lt;script&gt;/);
  });

  it('sends no Authorization header without a key', async () => {
    fake.answer((_req, res) => json(res, 200, chat(JSON.stringify(faithful))));
    const result = await rewriteWireCopy({ ...llm, apiKey: null }, copy);
    assert.equal(result.ok, true);
    assert.equal(fake.requests.at(-1)!.headers.authorization, undefined);
  });

  it('refuses a rewrite with an invented number, name and date, naming each', async () => {
    fake.answer((_req, res) => json(res, 200, chat(JSON.stringify(invented))));
    const result = await rewriteWireCopy(llm, copy);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(
      new Set(result.reasons),
      new Set(['the number 1,400 is not in the agency copy', 'the name Kisumu is not in the agency copy', 'the date 20 March is not in the agency copy']),
    );
  });

  it('turns an HTTP error into a refusal with the status, not the server message (reasons reach the desk and the audit log)', async () => {
    fake.answer((_req, res) => json(res, 500, JSON.stringify({ error: { message: 'model not loaded' } })));
    const result = await rewriteWireCopy(llm, copy);
    assert.deepEqual(result, { ok: false, reasons: ['the model server answered 500 Internal Server Error'] });
  });

  it('turns a server that does not answer in time into a refusal', async () => {
    fake.answer(() => {}); // never answers
    const result = await rewriteWireCopy(llm, copy, { timeoutMs: 150 });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.match(result.reasons[0]!, /^the model server did not answer within /);
  });

  it('turns output that is not JSON into a refusal', async () => {
    fake.answer((_req, res) => json(res, 200, chat('Sure! Mombasa harbour dredging begins. The Kenya Ports Authority said so.')));
    assert.deepEqual(await rewriteWireCopy(llm, copy), { ok: false, reasons: ["the model's answer is not a JSON object"] });
    fake.answer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy error</html>'));
    assert.deepEqual(await rewriteWireCopy(llm, copy), { ok: false, reasons: ['the model server did not answer with JSON'] });
  });

  it('refuses answers outside the schema: too long a headline, no paragraphs', async () => {
    fake.answer((_req, res) => json(res, 200, chat(JSON.stringify({ ...faithful, headline: `Mombasa ${'harbour '.repeat(20)}`, body: [] }))));
    const result = await rewriteWireCopy(llm, copy);
    assert.ok(!result.ok);
    assert.deepEqual(result.reasons, [
      "the model's answer does not fit: headline: the headline is longer than 120 characters",
      "the model's answer does not fit: body: the body has no paragraphs",
    ]);
  });

  it('takes the JSON object out of prose when the server ignores response_format', async () => {
    fake.answer((_req, res) =>
      json(res, 200, chat(`<think>plan</think>Here is the rewrite:\n\`\`\`json\n${JSON.stringify(faithful, null, 2)}\n\`\`\`\nHope it helps {:}`)),
    );
    const result = await rewriteWireCopy(llm, copy);
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it('asks once more without response_format when the server refuses the field', async () => {
    const before = fake.requests.length;
    fake.answer((_req, res, body) =>
      body.response_format
        ? json(res, 400, JSON.stringify({ error: { message: 'unknown field response_format' } }))
        : json(res, 200, chat(JSON.stringify(faithful))),
    );
    const result = await rewriteWireCopy(llm, copy);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(fake.requests.length - before, 2);
    assert.equal(fake.requests.at(-1)!.body.response_format, undefined);
  });

  it('refuses an answer larger than the bound', async () => {
    fake.answer((_req, res) => json(res, 200, chat(JSON.stringify({ ...faithful, standfirst: 'x'.repeat(5000) }))));
    const result = await rewriteWireCopy(llm, copy, { maxResponseBytes: 2000 });
    assert.ok(!result.ok);
    assert.match(result.reasons[0]!, /larger than/);
  });

  it('reports a server that cannot be reached', async () => {
    const result = await rewriteWireCopy({ ...llm, baseUrl: 'http://127.0.0.1:1/v1' }, copy, { timeoutMs: 2000 });
    assert.ok(!result.ok);
    assert.match(result.reasons[0]!, /could not be reached|did not answer/);
  });
});

describe('the fact guard', () => {
  const source =
    'NAIROBI, Kenya — The Ministry of Health said 1.4 million children under five were vaccinated between 3 March and April 2, 2025, up 12 percent. Dr. Wanjiru Kamau led the campaign in Turkana.';
  const check = (...paragraphs: string[]) =>
    checkFacts(source, { headline: 'Vaccination campaign reaches children', standfirst: 'Health officials report progress.', paragraphs });

  it('accepts the same facts written differently', () => {
    assert.deepEqual(check('About 1,400,000 children were vaccinated from March 3 to 2 April, a 12% rise.'), []);
    assert.deepEqual(check('Wanjiru Kamau, a doctor, led it in Turkana; Kenya’s Health Ministry reported the rise in 2025.'), []);
    assert.deepEqual(check('Officials said children under 5 were reached. In Turkana, the campaign went on.'), []);
  });

  it('refuses numbers, dates and names the agency did not give', () => {
    assert.deepEqual(check('Some 1.5 million children were vaccinated.'), ['the number 1.5 million is not in the agency copy']);
    assert.deepEqual(check('It ended on 3 April.'), ['the date 3 April is not in the agency copy']);
    assert.deepEqual(check('It began on Monday.'), ['the date Monday is not in the agency copy']);
    assert.deepEqual(check('The campaign ran in 2024.'), ['the date 2024 is not in the agency copy']);
    assert.deepEqual(check('Kamau thanked UNICEF and the Gates Foundation.'), [
      'the name UNICEF is not in the agency copy',
      'the name Gates Foundation is not in the agency copy',
    ]);
    assert.deepEqual(check('Marsabit also took part.'), ['the name Marsabit is not in the agency copy']);
    assert.deepEqual(check('Twenty clinics took part.'), ['the number Twenty is not in the agency copy']);
  });

  it('reads numbers in words and short scales as figures.ts does, in the agency copy and the rewrite', () => {
    const agency = 'Twenty-five clinics and a dozen schools shared $2bn and 3 tn shillings; one hundred nurses came.';
    const rewrite = (...paragraphs: string[]) => checkFacts(agency, { headline: '', standfirst: '', paragraphs });
    assert.deepEqual(rewrite('25 clinics and 12 schools shared 2,000,000,000 dollars ($2 billion) and 3 trillion shillings; 100 nurses came.'), []);
    assert.deepEqual(rewrite('Twelve schools and twenty-five clinics took part.'), []);
    assert.deepEqual(rewrite('Thirteen schools shared $2.5bn; 3 million shillings went to seventy-two clinics.'), [
      'the number 2.5bn is not in the agency copy',
      'the number 3 million is not in the agency copy',
      'the number Thirteen is not in the agency copy',
      'the number seventy-two is not in the agency copy',
    ]);
  });

  it('finds the JSON object in a chatty answer', () => {
    assert.deepEqual(extractJsonObject('Sure: {"a": "b } c", "n": {"x": 1}} — done'), { a: 'b } c', n: { x: 1 } });
    assert.equal(extractJsonObject('no object here'), undefined);
  });
});

describe('configuring the model', () => {
  it('is off without LLM_BASE_URL and LLM_MODEL, on with both', () => {
    assert.equal(loadConfig({}).llm, null);
    assert.deepEqual(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', LLM_MODEL: 'qwen3:8b' }).llm, {
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'qwen3:8b',
      apiKey: null,
    });
    assert.equal(loadConfig({ LLM_BASE_URL: 'https://llm.example.org/v1', LLM_MODEL: 'm', LLM_API_KEY: 'k' }).llm?.apiKey, 'k');
  });

  it('refuses one without the other, and an address that is not http(s)', () => {
    assert.throws(
      () => loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' }),
      (e: Error) => e instanceof ConfigError && /^LLM_MODEL=/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ LLM_MODEL: 'm' }),
      (e: Error) => e instanceof ConfigError && /^LLM_BASE_URL=/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ LLM_BASE_URL: 'ftp://x/v1', LLM_MODEL: 'm' }),
      (e: Error) => e instanceof ConfigError && /^LLM_BASE_URL="ftp:\/\/x\/v1" is not valid/.test(e.message),
    );
  });
});

describeEachDatabase('applying a rewrite', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const rewrite: RewriteSuccess = {
    ok: true,
    headline: 'Mombasa harbour dredging begins',
    standfirst: 'Work began on Tuesday.',
    bodyHtml: '<p>Work began on Tuesday.</p>',
    model: 'tiny-editor:7b',
  };
  const agencyStory = (status: 'draft' | 'published') => ({
    // status names the item id only
    kind: 'news' as const,
    headline: copy.headline,
    standfirst: copy.standfirst,
    body: copy.bodyHtml,
    sectors: ['health'],
    sources: [{ agency: 'Equator Press Service', itemId: `eps-${status}`, version: 1 }],
    byline: { desk: 'Wire Desk' },
  });

  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
  });

  it('marks a published story as generated and unreviewed, with a revision naming the model', async () => {
    const story = await createArticle(store.db, agencyStory('published'), { actor: REWRITE_ACTOR }, { publish: { via: 'desk' } });
    const updated = await applyRewrite(store.db, story.id, rewrite);
    assert.equal(updated.headline, rewrite.headline);
    assert.equal(updated.body, rewrite.bodyHtml);
    assert.equal(updated.aiInvolvement, 'generated');
    assert.equal(updated.humanReviewed, false);
    const [revision] = await listRevisions(store.db, story.id);
    assert.equal(revision!.summary, 'Rewritten from the agency copy by the language model tiny-editor:7b');
    assert.equal(revision!.snapshot.aiInvolvement, 'generated');
    const audit = (await listAudit(store.db, { action: 'article.rewrite' }))[0]!;
    assert.equal(audit.subject, `article ${story.id}: ${rewrite.headline}`);
    assert.match(audit.detail, /tiny-editor:7b/);
  });

  it('becomes AI-assisted when a person edits the text in the newsroom, not when only the filing changes', async () => {
    const draft = await createArticle(store.db, agencyStory('draft'), { actor: REWRITE_ACTOR });
    const generated = await applyRewrite(store.db, draft.id, rewrite);
    assert.equal(generated.aiInvolvement, 'generated');
    // The pure rule.
    const changed = (patch: Partial<typeof generated>) => textDiffers(generated, { ...generated, ...patch });
    assert.equal(aiAfterPersonEdit('generated', 'generated', changed({ sectors: ['education'] })), 'generated');
    assert.equal(aiAfterPersonEdit('generated', 'generated', changed({ body: '<p>Work  began on <em>Tuesday</em>.</p>' })), 'generated');
    assert.equal(aiAfterPersonEdit('generated', 'generated', changed({ headline: 'Dredging begins in Mombasa' })), 'assisted');
    assert.equal(aiAfterPersonEdit('generated', 'none', changed({ headline: 'Dredging begins in Mombasa' })), 'none');
    assert.equal(aiAfterPersonEdit('assisted', 'generated', false), 'assisted');

    // Through the edit form, as an editor saves it.
    const editor = await deskUser(store.db, 'editor');
    const e = await editor.session();
    const form = {
      kind: 'news',
      headline: generated.headline,
      standfirst: generated.standfirst,
      body: '<p>Work began on Tuesday in Mombasa.</p>',
      bylineDesk: 'Wire Desk',
      sectors: 'health',
      aiInvolvement: 'generated',
      sources: 'Equator Press Service|eps-draft|1',
      version: String(generated.version),
    };
    const saved = await post(app, `/newsroom/articles/${draft.id}`, form, e);
    assert.equal(saved.statusCode, 303, saved.body);
    const after = (await getArticle(store.db, draft.id))!;
    assert.equal(after.body, '<p>Work began on Tuesday in Mombasa.</p>');
    assert.equal(after.aiInvolvement, 'assisted');
  });
});
