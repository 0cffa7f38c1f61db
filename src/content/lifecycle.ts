/*
 * An article's life, in one place. Its states are draft, review, scheduled, published, held (off
 * the site while an agency withholds its copy), unpublished (taken down by the desk) and killed
 * (canceled by the agency, for good). Every change is one of the named commands exported here,
 * each one transaction holding the change, its revision, its audit entry, its publication event
 * and any notification. The newsroom, the wire inbox, wire ingest and auto-publish, the
 * scheduler, the CLI and the demo seed all call these and nothing else; only the lifecycle's
 * modules (content/lifecycle/) use the article store, so nothing else can set a status
 * (test/content/one-path.test.ts and test/content/lifecycle-paths.test.ts check both).
 *
 * The guards hold whatever the path: no publication or schedule before the agency's embargo
 * lifts; none while the latest agency version of its copy is withheld (unless an editor
 * overrides with a written reason); none ever for a killed story.
 *
 * This module is the one to import. The code is in content/lifecycle/, none of which imports
 * this module: guard.ts (the transitions and refusals), command.ts (what the commands share),
 * editing.ts (create, edit, restore, delete a draft), publishing.ts (the desk's moves),
 * scheduling.ts (scheduled publication), agency.ts (embargoes, holds, kills), corrections.ts
 * and bulk-import.ts.
 */

export { subjectOf, type CommandContext, type TextOrigin } from './lifecycle/command.js';
export {
  allowedFrom,
  mayRun,
  PublicationRefused,
  publicationRefusal,
  type AgencyState,
  type LifecycleCommand,
  type PublishOptions,
  type RefusalReason,
} from './lifecycle/guard.js';
export {
  aiAfterPersonEdit,
  createArticle,
  deleteDraft,
  editArticle,
  restoreRevision,
  textDiffers,
  type CreateOptions,
  type EditOptions,
} from './lifecycle/editing.js';
export { publishArticle, returnToDraft, submitForReview, unpublishArticle } from './lifecycle/publishing.js';
export { publishDueArticles, scheduleArticle, scheduleForEmbargo } from './lifecycle/scheduling.js';
export { applyAgencyState, killArticle, notifyLiftedEmbargoes } from './lifecycle/agency.js';
export { addCorrection, listCorrections, type Correction } from './lifecycle/corrections.js';
export { importPublishedStories, type ImportedStory } from './lifecycle/bulk-import.js';
