import type { DB } from '../../db/connect.js';
import type { Article } from '../article-model.js';
import { ValidationError } from '../errors.js';
import { changeContent } from '../events.js';
import { nowIso } from '../time.js';
import { change, DESK, isPerson, load, tell, type CommandContext } from './command.js';
import { publicationRefusal, refuseUnless, type PublishOptions } from './guard.js';

// Moving a story through the desk: to review, back to draft, out on the site and off it again.

const MAX_OVERRIDE = 1000;

export async function submitForReview(db: DB, id: number, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('submit', current, 'submitted for review');
    const article = await change(trx, current, { status: 'review' }, ctx, { action: 'article.submit', summary: 'Submitted for review' });
    await tell(
      trx,
      { kind: 'review', audience: DESK, articleId: id, title: `For review: ${article.headline}`, message: `Submitted by ${ctx.actor.name}.` },
      ctx,
    );
    return article;
  });
}

export async function returnToDraft(db: DB, id: number, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('draft', current, 'returned to draft');
    return change(trx, current, { status: 'draft', scheduledFor: null, statusReason: '' }, ctx, { action: 'article.draft', summary: 'Back to draft' });
  });
}

/** Publishes now, if the guards allow it. */
export async function publishArticle(db: DB, id: number, ctx: CommandContext, options: PublishOptions = {}): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('publish', current, 'published');
    const now = ctx.now ?? nowIso();
    const override = options.override?.trim() ?? '';
    if (override.length > MAX_OVERRIDE) throw new ValidationError(`The reason has at most ${MAX_OVERRIDE} characters.`);
    const refusal = publicationRefusal(current, now, override);
    if (refusal) throw refusal;
    const overriding = Boolean(current.agencyHold && override);
    if (current.agencyHold && override.length < 10)
      throw new ValidationError('Give the reason for publishing despite the agency’s hold in a sentence (at least 10 characters).');
    const article = await change(
      trx,
      current,
      {
        status: 'published',
        scheduledFor: null,
        publishedAt: current.publishedAt ?? now,
        publishedVia: options.via ?? (current.status === 'scheduled' ? current.publishedVia : null) ?? (isPerson(ctx.actor) ? 'desk' : 'auto'),
        humanReviewed: current.humanReviewed || options.reviewed === true,
        statusReason: '',
      },
      ctx,
      overriding
        ? { action: 'article.hold-override', summary: 'Published despite the agency’s hold', detail: `${current.agencyHold} Reason: ${override}` }
        : { action: 'article.publish', summary: current.status === 'scheduled' && !isPerson(ctx.actor) ? 'Published as scheduled' : 'Published' },
    );
    return article;
  });
}

/** Takes a story off the site (its address answers 410). */
export async function unpublishArticle(db: DB, id: number, ctx: CommandContext, reason = ''): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('unpublish', current, 'unpublished');
    return change(trx, current, { status: 'unpublished', statusReason: reason }, ctx, {
      action: 'article.unpublish',
      summary: reason ? `Unpublished: ${reason}` : 'Unpublished',
    });
  });
}
