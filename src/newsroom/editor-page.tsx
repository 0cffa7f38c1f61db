import { getArticle, type Article } from '../content/articles.js';
import { digitalSourceTypes } from '../content/media.js';
import { MAX_UPLOAD_BYTES } from '../content/uploads.js';
import { storyReads } from '../audience/story-reads.js';
import { StoryReadsPanel } from './reads-views.js';
import type { DB } from '../db/connect.js';
import { editionOf } from '../presentation/presenters.js';
import { articlePath, imagePath } from '../presentation/urls.js';
import { AgencyPanel } from './agency-views.js';
import { ArticleFormPage, HeroUpload, WorkflowActions } from './article-form-views.js';
import { DeskError, page, type DeskContext, type Page } from './desk.js';
import { mayEditArticle } from './permissions.js';
import { articleFormModel, type ArticleFormValues } from './presenters/articles.js';
import { agencyPanelOf, workflowActionsOf } from './presenters/editor.js';
import { deskUrls } from '../presentation/desk-urls.js';
import { editorToolsOf, scheduleValueOf } from './editor-tools-model.js';
import { FocalPointForm, OthersEditing, ScheduledFor, SourcesList } from './editor-tools-views.js';

/** The article editor, which the article, workflow and media screens all come back to. */

/** The article of the path, if this person may change it. */
export async function loadEditable(db: DB, ctx: DeskContext, id: number): Promise<Article> {
  const article = await getArticle(db, id);
  if (!article) throw new DeskError(404, 'There is no article with that number.');
  if (!mayEditArticle(ctx.session.user, article)) throw new DeskError(403, 'You may not change this article.');
  return article;
}

export async function editorPage(
  db: DB,
  ctx: DeskContext,
  article: Article,
  extra: { values?: Partial<ArticleFormValues>; errors?: string[]; scheduleValue?: string } = {},
): Promise<Page> {
  const { session, dir } = ctx;
  const actions = workflowActionsOf(article, session.user.role);
  const [agency, tools] = await Promise.all([agencyPanelOf(db, article, dir, session), editorToolsOf(db, article, dir, session)]);
  const edition = editionOf(dir, article);
  const model = articleFormModel(dir, session.csrfToken, article, extra.values, extra.errors);
  const hero = article.hero;
  // Reads are counted only while a story is published: a story never published has none.
  const reads = article.publishedAt ? (await storyReads(db, [article.id], new Date())).get(article.id)! : null;
  return page(
    `Edit ${article.headline}`,
    <ArticleFormPage
      model={model}
      banner={
        <>
          <OthersEditing model={tools} />
          <AgencyPanel model={agency} />
        </>
      }
      actions={
        <>
          {reads ? <StoryReadsPanel reads={reads} /> : ''}
          <p>
            <a href={deskUrls.preview({ id: article.id })}>Preview</a>
            {' · '}
            <a href={deskUrls.revisions({ id: article.id })}>Revisions</a>
            {article.status === 'published' ? (
              <>
                {' · '}
                <a href={articlePath(article)}>Public page</a>
              </>
            ) : (
              ''
            )}
          </p>
          {tools.scheduled ? <ScheduledFor model={tools.scheduled} /> : ''}
          <WorkflowActions
            id={article.id}
            csrfToken={session.csrfToken}
            actions={actions}
            scheduleValue={extra.scheduleValue ?? scheduleValueOf(article, edition.timeZone)}
            timeZone={`${edition.name}, ${edition.timeZone}`}
          />
          <SourcesList model={tools} />
          <HeroUpload
            model={{
              articleId: article.id,
              csrfToken: session.csrfToken,
              maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
              sourceTypes: Object.entries(digitalSourceTypes).map(([value, label]) => ({ value, label })),
              current: hero
                ? { src: imagePath(hero.file, 320), alt: hero.altText, caption: hero.caption, credit: hero.credit, type: hero.digitalSourceType }
                : null,
            }}
          />
          <FocalPointForm model={tools} />
        </>
      }
    />,
    { script: true },
  );
}
