import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { HttpError } from './http-error.js';

/** The engine client's errors carry the engine's HTTP status. */
function engineStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Answers every error as `application/problem+json`; stack traces and internal messages go to the
 * log only.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let status = 500;
    let code = 'internal-error';
    let detail = 'Something went wrong; the error has been logged.';
    let details: Readonly<Record<string, unknown>> = {};
    if (err instanceof HttpError) {
      ({ status, code } = err);
      detail = err.message;
      details = err.details;
      res.set(err.headers);
    } else if ((err as { type?: unknown }).type === 'entity.too.large') {
      [status, code, detail] = [413, 'payload-too-large', 'The request body is too large.'];
    } else if ((err as { type?: unknown }).type === 'entity.parse.failed') {
      [status, code, detail] = [400, 'bad-json', 'The request body is not valid JSON.'];
    } else if (engineStatus(err) === 409) {
      [status, code, detail] = [409, 'conflict', 'The task changed meanwhile; reload and try again.'];
    } else if (engineStatus(err) === 404) {
      [status, code, detail] = [404, 'not-found', 'Not found.'];
    }
    if (status >= 500) log.error({ err, method: req.method, url: req.originalUrl }, 'web request failed');
    res
      .status(status)
      .type('application/problem+json')
      .json({ type: 'about:blank', status, code, title: detail, ...details });
  };
}
