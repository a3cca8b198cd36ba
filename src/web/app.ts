import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Knex } from 'knex';
import type { FileStore } from '../domain/complaints/file-store.js';
import type { Logger } from '../logger.js';
import { adminRoutes } from './admin/routes.js';
import { authRoutes } from './auth/routes.js';
import { loadSession, requireCsrfToken } from './auth/session-middleware.js';
import { complaintRoutes } from './complaints/routes.js';
import { correctiveActionRoutes } from './corrective-actions/routes.js';
import { caughtMailRoutes } from './dev/mail-routes.js';
import { errorHandler } from './error-handler.js';
import { HttpError } from './http-error.js';
import { inboxRoutes } from './inbox/routes.js';
import { complaintFormRoutes } from './public/complaint-form-routes.js';
import { feedbackRoutes } from './public/feedback-routes.js';
import { publicStatusRoutes } from './public/status-routes.js';
import { securityHeaders } from './security/headers.js';
import { UI_DIR } from './ui-build.js';
import { uiRoutes } from './ui-routes.js';
import type { RateLimitOptions } from './security/rate-limit.js';

export interface WebAppOptions {
  /** The business database, connected as the application role. */
  readonly db: Knex;
  readonly client: CamundaClient;
  readonly log: Logger;
  /** Marks the session cookie Secure; on whenever the app is served over HTTPS. */
  readonly secureCookies: boolean;
  /** Sign-in attempts per client IP; 20 per 5 minutes unless given. */
  readonly signInRateLimit?: RateLimitOptions;
  /** Requests per client IP to each public (no sign-in) endpoint; 10 per 10 minutes unless given. */
  readonly publicRateLimit?: RateLimitOptions;
  /** Submissions of the public complaint form per client IP; 5 per hour unless given. */
  readonly publicSubmitRateLimit?: RateLimitOptions;
  /**
   * Key (at least 32 bytes) of the HMAC that signs the public complaint form's tokens; random bytes
   * made when the app is created unless given, so tokens then do not outlive the process.
   */
  readonly formTokenSecret?: string | Uint8Array;
  /** How soon after loading the public complaint form it may be sent; 3000 ms unless given (bots send at once). */
  readonly formTokenMinAgeMs?: number;
  /** Where the files of complaints' attachments are kept; without it the public form takes no attachments. */
  readonly attachmentStore?: FileStore;
  /** The in-process SMTP catcher's folder, when it runs: administrators then see caught e-mail. */
  readonly caughtMailDir?: string;
  /** Passed to express's `trust proxy` when the app runs behind a reverse proxy. */
  readonly trustProxy?: boolean | number | string;
  /** The built pages (dist/ui unless given). */
  readonly uiDir?: string;
}

/** The staff web app: sign-in, sessions and the task inbox under /api. */
export function createWebApp(options: WebAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(securityHeaders());
  app.use(express.json({ limit: '100kb' }));
  app.use(cookieParser());

  const api = express.Router();
  api.use(loadSession(options.db));
  api.use(requireCsrfToken());
  api.use(
    authRoutes({
      db: options.db,
      secureCookies: options.secureCookies,
      signInRateLimit: options.signInRateLimit ?? { limit: 20, windowMs: 5 * 60 * 1000 },
    }),
  );
  api.use(inboxRoutes(options.db, options.client));
  api.use(complaintRoutes(options));
  api.use(correctiveActionRoutes(options.db));
  api.use(caughtMailRoutes(options.db, options.caughtMailDir));
  api.use(adminRoutes(options.db));
  const publicLimit = options.publicRateLimit ?? { limit: 10, windowMs: 10 * 60 * 1000 };
  api.use(feedbackRoutes(options.db, options.client, publicLimit));
  api.use(publicStatusRoutes(options.db, publicLimit));
  api.use(complaintFormRoutes({ ...options, publicRateLimit: publicLimit }));
  api.use((_req, _res, next) => next(new HttpError(404, 'not-found', 'No such resource.')));
  app.use('/api', (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  app.use('/api', api);
  app.use(uiRoutes(options.uiDir ?? UI_DIR));
  app.use((_req, _res, next) => next(new HttpError(404, 'not-found', 'No such resource.')));
  app.use(errorHandler(options.log));
  return app;
}
