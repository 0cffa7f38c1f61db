import { NotFoundError, ValidationError } from '../content/errors.js';
import type { DB } from '../db/connect.js';
import type { OutboundPolicy } from '../net/address-policy.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { formList as list, formText as text } from '../util/form.js';
import { addSource, deleteSource, getSource, listSourceFiles, listSources, setSourceEnabled, updateSource, type SourceInput, type WireSource } from '../wire/sources.js';
import { actorOf, DeskError, type DeskContext, type DeskRoute } from './desk.js';
import { emptySourceForm, SourcePage, SourcesPage, type SourceFormValues, type SourceRowModel } from './source-views.js';

/** Wire sources (admins, `sources.manage`): add, edit, turn off and on, remove, each audited. */

const inputOf = (form: DeskContext['form']): SourceInput => ({
  name: text(form.name),
  agency: text(form.agency),
  url: text(form.url).trim() || null,
  folder: text(form.folder).trim() || null,
  pollSeconds: Number(text(form.pollSeconds) || 300),
  edition: text(form.edition) || null,
  sectors: list(form.sectors),
  rule: text(form.rule) === 'auto-publish' ? 'auto-publish' : 'inbox',
});

const valuesOfForm = (form: DeskContext['form']): SourceFormValues => ({
  name: text(form.name), agency: text(form.agency), url: text(form.url), pollSeconds: text(form.pollSeconds), folder: text(form.folder),
  edition: text(form.edition), sectors: list(form.sectors), rule: text(form.rule),
});

const valuesOfSource = (s: WireSource): SourceFormValues => ({
  name: s.name, agency: s.agency, url: s.url ?? '', pollSeconds: String(s.pollSeconds), folder: s.folder ?? '', edition: s.edition ?? '', sectors: s.sectors, rule: s.rule,
});

export function sourceDeskRoutes({ db, directory, outbound, dataDir }: { db: DB; directory: { get(): Promise<Directory> }; outbound: OutboundPolicy; dataDir: string }): DeskRoute[] {
  const checks = { outbound, places: { dataDir } };
  const rowOf = (s: WireSource, dir: Directory): SourceRowModel => {
    const when = (iso: string | null) => (iso ? bylineTime(iso, dir.defaultEdition) : 'never');
    return {
      id: s.id, name: s.name, agency: s.agency, where: s.url ?? s.folder ?? '', rule: s.rule, items: s.itemsTotal, enabled: s.enabled,
      lastSuccess: when(s.lastSuccessAt), lastError: s.lastError ? `${when(s.lastErrorAt)}: ${s.lastError}` : '',
    };
  };
  const options = (dir: Directory) => ({ editions: dir.editions.map((e) => ({ value: e.slug, label: e.name })), sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name })) });

  async function listPage(ctx: DeskContext, errors: string[] = [], values = emptySourceForm, status = 200) {
    const dir = await directory.get();
    const sources = await listSources(db);
    return ctx.render('Wire sources', <SourcesPage sources={sources.map((s) => rowOf(s, dir))} csrfToken={ctx.session!.csrfToken} errors={errors} values={values} {...options(dir)} />, status);
  }

  async function sourceOf(ctx: DeskContext): Promise<WireSource> {
    const id = Number(ctx.params.id);
    const source = Number.isSafeInteger(id) && id > 0 ? await getSource(db, id) : null;
    if (!source) throw new DeskError(404, 'There is no such source.');
    return source;
  }

  async function sourcePage(ctx: DeskContext, source: WireSource, errors: string[] = [], values?: SourceFormValues, status = 200) {
    const dir = await directory.get();
    const files = await listSourceFiles(db, source.id);
    return ctx.render(
      `Source ${source.name}`,
      <SourcePage
        source={rowOf(source, dir)}
        values={values ?? valuesOfSource(source)}
        files={files.map((f) => ({
          file: f.file,
          when: bylineTime(f.processedAt, dir.defaultEdition),
          outcome: f.outcome,
          counts: `new ${f.counts.new}, updated ${f.counts.updated}, merged ${f.counts.merged}, ignored ${f.counts.ignored}, withheld ${f.counts.withheld}, canceled ${f.counts.canceled}, rejected ${f.counts.rejected}`,
          problems: f.problems,
        }))}
        csrfToken={ctx.session!.csrfToken}
        errors={errors}
        {...options(dir)}
      />,
      status,
    );
  }

  const onSource = (action: string, run: (source: WireSource, ctx: DeskContext) => Promise<unknown>, back = (s: WireSource) => `/newsroom/sources/${s.id}`): DeskRoute => ({
    method: 'POST',
    url: `/newsroom/sources/:id${action}`,
    permission: 'sources.manage',
    handler: async (ctx) => {
      const source = await sourceOf(ctx);
      try {
        await run(source, ctx);
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof NotFoundError)) throw error;
        return sourcePage(ctx, source, error instanceof ValidationError ? error.problems : [error.message], valuesOfForm(ctx.form), 422);
      }
      return ctx.reply.redirect(back(source), 303);
    },
  });

  return [
    { method: 'GET', url: '/newsroom/sources', permission: 'sources.manage', handler: (ctx) => listPage(ctx) },
    {
      method: 'POST',
      url: '/newsroom/sources',
      permission: 'sources.manage',
      handler: async (ctx) => {
        try {
          await addSource(db, inputOf(ctx.form), actorOf(ctx), checks);
          return ctx.reply.redirect('/newsroom/sources', 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return listPage(ctx, error.problems, valuesOfForm(ctx.form), 422);
        }
      },
    },
    { method: 'GET', url: '/newsroom/sources/:id', permission: 'sources.manage', handler: async (ctx) => sourcePage(ctx, await sourceOf(ctx)) },
    onSource('', (s, ctx) => updateSource(db, s.id, inputOf(ctx.form), actorOf(ctx), checks)),
    onSource('/disable', (s, ctx) => setSourceEnabled(db, s.id, false, actorOf(ctx))),
    onSource('/enable', (s, ctx) => setSourceEnabled(db, s.id, true, actorOf(ctx))),
    onSource(
      '/delete',
      async (s, ctx) => {
        if (text(ctx.form.confirm) !== '1') throw new ValidationError('Tick the box to confirm that the source should be removed.');
        await deleteSource(db, s.id, actorOf(ctx));
      },
      () => '/newsroom/sources',
    ),
  ];
}
