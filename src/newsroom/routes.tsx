import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import { articleRoutes } from './article-routes.js';
import { audienceRoutes } from './audience-routes.js';
import { auditRoutes } from './audit-routes.js';
import { authorRoutes } from './author-routes.js';
import { mountDesk } from './desk.js';
import { editorToolRoutes } from './editor-tools-routes.js';
import { exportRoutes } from './export-routes.js';
import { feedbackRoutes } from './feedback-routes.js';
import { firstRunRoutes } from './first-run-routes.js';
import { frontRoutes } from './front-routes.js';
import { inboxRoutes } from './inbox-routes.js';
import { inboxTriageRoutes } from './inbox-triage-routes.js';
import { mediaRoutes } from './media-routes.js';
import { mergeRoutes } from './merge-routes.js';
import { newsletterRoutes } from './newsletter-routes.js';
import { notificationRoutes } from './notification-routes.js';
import { pageRoutes } from './page-routes.js';
import { passwordResetRoutes } from './password-reset-routes.js';
import { revisionRoutes } from './revision-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { signInRoutes } from './sign-in-routes.js';
import { sourceRoutes } from './source-routes.js';
import { taxonomyRoutes } from './taxonomy-routes.js';
import { userRoutes } from './user-routes.js';
import { webhookRoutes } from './webhook-routes.js';
import { workflowRoutes } from './workflow-routes.js';

/**
 * The newsroom, screen by screen. Each module declares its routes (path, permission, input,
 * handler); desk.tsx registers them under /newsroom behind the one gate. A new screen is a new
 * module and one line here.
 */
const screens = [
  // Setting up a new site, signing in and out, and a forgotten password
  firstRunRoutes,
  signInRoutes,
  passwordResetRoutes,
  // Writing: the dashboard and articles, their workflow, revisions and pictures
  articleRoutes,
  workflowRoutes,
  editorToolRoutes,
  revisionRoutes,
  mediaRoutes,
  // The wire desk
  inboxTriageRoutes,
  inboxRoutes,
  mergeRoutes,
  notificationRoutes,
  // Curation and readers
  frontRoutes,
  authorRoutes,
  audienceRoutes,
  exportRoutes,
  feedbackRoutes,
  newsletterRoutes,
  // Administration
  userRoutes,
  settingsRoutes,
  pageRoutes,
  taxonomyRoutes,
  sourceRoutes,
  webhookRoutes,
  auditRoutes,
];

export const newsroomRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => mountDesk(app, config, store.db, screens);
