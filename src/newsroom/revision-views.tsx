import { Csrf, DeskTable } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** An article's revisions, and the changes between two versions (of an article or an agency item). */

export function RevisionsPage({
  headline,
  revisions,
  csrfToken,
  articleId,
  canRestore,
}: {
  headline: string;
  articleId: number;
  csrfToken: string;
  canRestore: boolean;
  revisions: { id: number; at: string; actor: string; summary: string }[];
}) {
  const pick = (name: string, label: string, selected: number | undefined) => (
    <>
      <label for={`rev-${name}`} safe>
        {label}
      </label>
      <select id={`rev-${name}`} name={name}>
        {revisions.map((r) => (
          <option value={String(r.id)} selected={r.id === selected} safe>
            {`${r.at} · ${r.actor}`}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <div>
      <h1 safe>{`Revisions: ${headline}`}</h1>
      {revisions.length > 1 ? (
        <form method="get" action={deskUrls.articleDiff({ id: articleId })} class="filters">
          {pick('from', 'Compare', revisions[1]?.id)}
          {pick('to', 'with', revisions[0]?.id)}
          <button type="submit">Show changes</button>
        </form>
      ) : (
        ''
      )}
      <DeskTable caption="Every saved change of the published article, newest first" headers={['When', 'Who', 'What', 'Restore']}>
        {revisions.map((r, i) => (
          <tr>
            <td safe>{r.at}</td>
            <td safe>{r.actor}</td>
            <td safe>{r.summary}</td>
            <td>
              {canRestore && i > 0 ? (
                <form method="post" action={deskUrls.restoreRevision({ id: articleId, revision: r.id })} class="inline">
                  <Csrf token={csrfToken} />
                  <button type="submit">Restore this version</button>
                </form>
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </DeskTable>
    </div>
  );
}

export function DiffPage({
  headline,
  from,
  to,
  fields,
}: {
  headline: string;
  from: string;
  to: string;
  fields: { field: string; html: string; changed: boolean }[];
}) {
  return (
    <div>
      <h1 safe>{`Changes: ${headline}`}</h1>
      <p safe>{`From ${from} to ${to}. Removed words are struck through, added words underlined.`}</p>
      <dl class="diff">
        {fields.map((f) => {
          const safeHtml = f.html;
          return (
            <>
              <dt safe>{`${f.field}${f.changed ? ' (changed)' : ''}`}</dt>
              <dd>{safeHtml}</dd>
            </>
          );
        })}
      </dl>
    </div>
  );
}
