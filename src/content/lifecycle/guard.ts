import type { Article, ArticleStatus } from '../article-model.js';
import { ValidationError } from '../errors.js';
import type { IsoTime } from '../time.js';

// The rules every path to publication obeys, as data and pure checks: the allowed transitions,
// and the refusals for embargoes, holds and kills. No database here: the newsroom's presenters
// use mayRun to offer only the buttons that will work.

/** How it goes out: the facts the disclosure line is made from. */
export interface PublishOptions {
  /** Sent out by the desk, or by an auto-publish rule with no person involved. */
  via?: 'desk' | 'auto';
  /** A person had the whole text in front of them (the editor) when they sent it out. */
  reviewed?: boolean;
  /** An editor's written reason to publish although the agency withholds the copy. */
  override?: string;
}

/** What the agency says about the copy in a story: its latest embargo and any legal hold. */
export interface AgencyState {
  embargoUntil: IsoTime | null;
  hold: string | null;
}

export type RefusalReason = 'embargo' | 'hold' | 'killed' | 'state';

/** A publication or change the rules forbid. Nothing was changed; the message says why. */
export class PublicationRefused extends ValidationError {
  override name = 'PublicationRefused';
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly until: IsoTime | null = null,
  ) {
    super(message);
  }
}

/** The states each command starts from: the one table of allowed transitions. */
export const allowedFrom = {
  submit: ['draft'],
  draft: ['review', 'scheduled', 'unpublished', 'held'],
  publish: ['draft', 'review', 'scheduled', 'unpublished', 'held'],
  schedule: ['draft', 'review', 'scheduled', 'unpublished'],
  unpublish: ['published', 'held'],
} as const satisfies Record<string, readonly ArticleStatus[]>;
export type LifecycleCommand = keyof typeof allowedFrom;

export const mayRun = (command: LifecycleCommand, status: ArticleStatus) => (allowedFrom[command] as readonly ArticleStatus[]).includes(status);

/** A time as the refusals and audit summaries write it. */
export const utc = (iso: IsoTime) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Why a story may not go out at `at`, or null when it may. */
export function publicationRefusal(
  a: Pick<Article, 'status' | 'statusReason' | 'embargoUntil' | 'agencyHold'>,
  at: IsoTime,
  override?: string,
): PublicationRefused | null {
  if (a.status === 'killed') {
    return new PublicationRefused('killed', `This story was killed${a.statusReason ? ` (${a.statusReason})` : ''}. Killed copy can never be published again.`);
  }
  if (a.embargoUntil && a.embargoUntil > at) {
    return new PublicationRefused(
      'embargo',
      `The agency's embargo runs until ${utc(a.embargoUntil)}: the story cannot go out before then. Schedule it for when the embargo lifts.`,
      a.embargoUntil,
    );
  }
  if (a.agencyHold && !override?.trim()) {
    return new PublicationRefused(
      'hold',
      `${a.agencyHold.replace(/[.]?$/, '.')} It cannot be published while the agency withholds it; an editor may publish it anyway, giving a written reason.`,
    );
  }
  return null;
}

/** Refuses a command the article's state does not allow. */
export function refuseUnless(command: LifecycleCommand, a: Article, verb: string): void {
  if (!mayRun(command, a.status)) {
    throw new PublicationRefused(
      a.status === 'killed' ? 'killed' : 'state',
      a.status === 'killed' ? 'This story was killed by its agency: it cannot be changed any more.' : `This story is ${a.status}: it cannot be ${verb}.`,
    );
  }
}
