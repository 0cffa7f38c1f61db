import { listOfNames } from '../util/names.js';
import type { AiInvolvement, ArticleSummary } from './articles.js';

/*
 * What a story says about how it was made, derived from what happened to it and never ticked by
 * hand: whose copy it was built from, how much AI wrote, whether a person edited the text,
 * whether a person reviewed it before it went out, and whether it went out automatically. One
 * function says it for the page, the feeds, JSON-LD and ninjs; a table test covers every
 * combination (test/content/disclosure.test.ts).
 */

export interface DisclosureFacts {
  /** The agencies whose copy the story is built from, in order (none: written by the desk). */
  agencies: readonly string[];
  ai: AiInvolvement;
  /** A person changed the headline, standfirst or body. */
  edited: boolean;
  /** A person reviewed the current text before it went out. */
  reviewed: boolean;
  /** It went out by an auto-publish rule, with no person involved. */
  autoPublished: boolean;
}

export type AgencyCredit = 'generic' | 'names';

export interface Disclosure {
  /** "(With inputs from agencies.)", or the agencies by name; null without agency copy. */
  credit: string | null;
  /** The note under the story, or null when the credit says all there is to say. */
  note: string | null;
  /** The same facts, for machines (ninjs trust indicators, JSON-LD). */
  facts: DisclosureFacts & { ai: AiInvolvement };
}

export function factsOf(a: Pick<ArticleSummary, 'sources' | 'aiInvolvement' | 'humanEdited' | 'humanReviewed' | 'publishedVia'>): DisclosureFacts {
  return {
    agencies: [...new Set(a.sources.map((s) => s.agency))],
    ai: a.aiInvolvement,
    edited: a.humanEdited,
    reviewed: a.humanReviewed,
    autoPublished: a.publishedVia === 'auto',
  };
}

/** The credit line and the note, from the facts. */
export function disclosureOf(f: DisclosureFacts, credit: AgencyCredit = 'generic'): Disclosure {
  // A person's edit of generated text makes it AI-assisted.
  const ai: AiInvolvement = f.ai === 'generated' && f.edited ? 'assisted' : f.ai;
  const facts = { ...f, ai };
  const fromAgency = f.agencies.length > 0;
  const names = listOfNames(f.agencies);
  const creditLine = !fromAgency ? null : credit === 'names' ? `(With inputs from ${names}.)` : '(With inputs from agencies.)';
  const reviewed = f.reviewed ? 'reviewed by our staff before publication' : 'not reviewed by our staff';
  const withAi = ai === 'generated' ? 'generated with AI' : 'written with the help of AI';

  let note: string | null;
  if (!fromAgency) {
    note = ai === 'none' ? null : `This article was ${withAi}; it was ${reviewed}.`;
  } else if (f.autoPublished && !f.edited) {
    const unchecked = f.reviewed ? 'it has not been edited by our staff, who have reviewed it since' : 'it has not been edited or reviewed by our staff';
    note =
      ai === 'none'
        ? `This article was published automatically from copy by ${names}; ${unchecked}.`
        : `This article was ${withAi} from copy by ${names} and published automatically; ${unchecked}.`;
  } else if (f.autoPublished) {
    note = `This article was first published automatically from copy by ${names}, then edited by our staff${ai === 'none' ? '' : `; it was ${withAi} and ${reviewed}`}.`;
  } else if (ai === 'none') {
    note = f.edited ? null : `This article is the copy of ${names} as sent, published by our desk without edits; it was ${reviewed}.`;
  } else {
    note = `This article was ${ai === 'generated' ? 'rewritten with AI' : 'rewritten with the help of AI'} from copy by ${names}${f.edited ? ' and edited by our staff' : ' and not edited by our staff'}; it was ${reviewed}.`;
  }
  return { credit: creditLine, note, facts };
}
