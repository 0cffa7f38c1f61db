import { z } from 'zod';
import { ValidationError } from '../content/errors.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import {
  addSource,
  deleteSource,
  getSource,
  listSourceFiles,
  listSources,
  setSourceEnabled,
  updateSource,
  type SourceInput,
  type WireSource,
} from '../wire/sources.js';
import { actorOf, DeskError, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { idParams, list, text, ticked } from './desk-input.js';
import { emptySourceForm, SourcePage, SourcesPage, type SourceFormValues, type SourceRowModel } from './source-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** Wire sources (admins, `sources.manage`): add, edit, turn off and on, remove, each audited. */

/** The form as sent, shown again when it is refused. */
const sourceFields = z.object({
  name: text(),
  agency: text(),
  url: text(),
  pollSeconds: text(),
  folder: text(),
  edition: text(),
  sectors: list(),
  rule: text(),
}) satisfies z.ZodType<SourceFormValues>;

const inputOf = (f: SourceFormValues): SourceInput => ({
  name: f.name,
  agency: f.agency,
  url: f.url.trim() || null,
  folder: f.folder.trim() || null,
  pollSeconds: Number(f.pollSeconds || 300),
  edition: f.edition || null,
  sectors: f.sectors,
  rule: f.rule === 'auto-publish' ? 'auto-publish' : 'inbox',
});

const valuesOfSource = (s: WireSource): SourceFormValues => ({
  name: s.name,
  agency: s.agency,
  url: s.url ?? '',
  pollSeconds: String(s.pollSeconds),
  folder: s.folder ?? '',
  edition: s.edition ?? '',
  sectors: s.sectors,
  rule: s.rule,
});

const rowOf = (s: WireSource, dir: Directory): SourceRowModel => {
  const when = (iso: string | null) => (iso ? bylineTime(iso, dir.defaultEdition) : 'never');
  return {
    id: s.id,
    name: s.name,
    agency: s.agency,
    where: s.url ?? s.folder ?? '',
    rule: s.rule,
    items: s.itemsTotal,
    enabled: s.enabled,
    lastSuccess: when(s.lastSuccessAt),
    lastError: s.lastError ? `${when(s.lastErrorAt)}: ${s.lastError}` : '',
  };
};
const options = (dir: Directory) => ({
  editions: dir.editions.map((e) => ({ value: e.slug, label: e.name })),
  sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name })),
});

export function sourceRoutes({ db, config }: Desk): DeskRoute[] {
  const checks = { outbound: config.outbound, places: { dataDir: config.dataDir } };

  async function listPage(ctx: DeskContext, errors: string[] = [], values = emptySourceForm) {
    const sources = await listSources(db);
    return page(
      'Wire sources',
      <SourcesPage sources={sources.map((s) => rowOf(s, ctx.dir))} csrfToken={ctx.session.csrfToken} errors={errors} values={values} {...options(ctx.dir)} />,
    );
  }

  async function sourceOf(id: number): Promise<WireSource> {
    const source = await getSource(db, id);
    if (!source) throw new DeskError(404, 'There is no such source.');
    return source;
  }

  async function sourcePage(ctx: DeskContext, source: WireSource, errors: string[] = [], values?: SourceFormValues) {
    const files = await listSourceFiles(db, source.id);
    const counts = (c: (typeof files)[number]['counts']) =>
      `new ${c.new}, updated ${c.updated}, merged ${c.merged}, ignored ${c.ignored}, withheld ${c.withheld}, canceled ${c.canceled}, rejected ${c.rejected}`;
    return page(
      `Source ${source.name}`,
      <SourcePage
        source={rowOf(source, ctx.dir)}
        values={values ?? valuesOfSource(source)}
        files={files.map((f) => ({
          file: f.file,
          when: bylineTime(f.processedAt, ctx.dir.defaultEdition),
          outcome: f.outcome,
          counts: counts(f.counts),
          problems: f.problems,
        }))}
        csrfToken={ctx.session.csrfToken}
        errors={errors}
        {...options(ctx.dir)}
      />,
    );
  }

  /** A change to one source; a refusal shows its page again with the form as sent. */
  const onSource = <F extends z.ZodType>(
    path: { pattern: string },
    form: F,
    run: (source: WireSource, form: z.output<F>, ctx: DeskContext) => Promise<unknown>,
    back = (s: WireSource) => deskUrls.source({ id: s.id }),
  ): DeskRoute =>
    post(path, 'sources.manage', {
      input: { params: idParams, form },
      notFoundIsRefusal: true,
      handler: async (ctx, input) => {
        const source = await sourceOf(input.params.id);
        await run(source, input.form as z.output<F>, ctx);
        return redirect(back(source));
      },
      refused: async (ctx, { problems }, params) => sourcePage(ctx, await sourceOf(params.id), problems, sourceFields.parse(ctx.form)),
    });
  const none = z.object({});

  return [
    get(deskUrls.sources, 'sources.manage', { handler: async (ctx) => listPage(ctx) }),
    post(deskUrls.sources, 'sources.manage', {
      input: { form: sourceFields },
      handler: async (ctx, { form }) => {
        await addSource(db, inputOf(form), actorOf(ctx), checks);
        return redirect(deskUrls.sources());
      },
      refused: async (ctx, { problems }) => listPage(ctx, problems, sourceFields.parse(ctx.form)),
    }),
    get(deskUrls.source, 'sources.manage', { input: { params: idParams }, handler: async (ctx, { params }) => sourcePage(ctx, await sourceOf(params.id)) }),
    onSource(deskUrls.source, sourceFields, (s, form, ctx) => updateSource(db, s.id, inputOf(form), actorOf(ctx), checks)),
    onSource(deskUrls.sourceStep('disable'), none, (s, _, ctx) => setSourceEnabled(db, s.id, false, actorOf(ctx))),
    onSource(deskUrls.sourceStep('enable'), none, (s, _, ctx) => setSourceEnabled(db, s.id, true, actorOf(ctx))),
    onSource(
      deskUrls.sourceStep('delete'),
      z.object({ confirm: ticked }),
      async (s, form, ctx) => {
        if (!form.confirm) throw new ValidationError('Tick the box to confirm that the source should be removed.');
        await deleteSource(db, s.id, actorOf(ctx));
      },
      () => deskUrls.sources(),
    ),
  ];
}
