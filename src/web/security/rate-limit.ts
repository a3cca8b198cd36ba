import type { RequestHandler } from 'express';
import { HttpError } from '../http-error.js';

export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  readonly limit: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

/** A fixed-window limiter kept in memory, per client IP, method and route pattern. One process only. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return (req, _res, next) => {
    const t = now();
    // The route's pattern, not the path: a token or key in the path must not open a fresh window.
    const route = (req.route as { path?: unknown } | undefined)?.path;
    const key = `${req.ip ?? '?'} ${req.method} ${req.baseUrl}${typeof route === 'string' ? route : req.path}`;
    let w = windows.get(key);
    if (!w || t - w.start >= options.windowMs) {
      if (windows.size > 10_000)
        for (const [k, v] of windows) if (t - v.start >= options.windowMs) windows.delete(k);
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    if (w.count > options.limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + options.windowMs - t) / 1000));
      return next(
        new HttpError(429, 'too-many-requests', 'Too many requests; try again later.', {
          'retry-after': String(retryAfter),
        }),
      );
    }
    next();
  };
}
