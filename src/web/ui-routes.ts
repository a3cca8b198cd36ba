import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { HttpError } from './http-error.js';

/**
 * The built pages: hashed assets cached for a year, and index.html for every other GET that asks for
 * HTML, so that deep links (/tasks/123, /complaints/status) open the single-page app.
 */
export function uiRoutes(dir: string): Router {
  const router = express.Router();
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  router.get(/^\/(?!api\/).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index))
      return next(new HttpError(503, 'ui-not-built', 'The web pages are not built: run `npm run build:ui`.'));
    res.set('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
