import type { ErrorRequestHandler, Response } from 'express';
import { EngineRejection } from '../engine-error.js';
import { DeploymentRejected } from '../model/index.js';

/** An RFC 9457 problem detail, as the Camunda 8.8 REST API answers errors. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string) => new ApiProblem(400, 'INVALID_ARGUMENT', detail);
export const notFoundProblem = (detail: string) => new ApiProblem(404, 'NOT_FOUND', detail);

export function sendProblem(res: Response, instance: string, problem: ApiProblem): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'about:blank',
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        instance,
      }),
    );
}

const STATUS_OF_REJECTION = { NOT_FOUND: 404, INVALID_STATE: 409, INVALID_ARGUMENT: 400 } as const;

/** Maps every error to a problem detail; unexpected ones become a 500 without internals. */
export function problemHandler(onUnexpected: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const instance = req.originalUrl.split('?')[0] ?? req.originalUrl;
    if (error instanceof ApiProblem) return sendProblem(res, instance, error);
    if (error instanceof EngineRejection) {
      return sendProblem(
        res,
        instance,
        new ApiProblem(STATUS_OF_REJECTION[error.type], error.type, error.message),
      );
    }
    if (error instanceof DeploymentRejected) return sendProblem(res, instance, badRequest(error.message));
    const e = error as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed')
      return sendProblem(res, instance, badRequest(`The request body is not valid JSON: ${e.message}`));
    if (e.type === 'entity.too.large')
      return sendProblem(
        res,
        instance,
        new ApiProblem(413, 'PAYLOAD_TOO_LARGE', 'The request body exceeds the maximum message size of 4 MB'),
      );
    onUnexpected(error);
    return sendProblem(
      res,
      instance,
      new ApiProblem(500, 'INTERNAL', 'Unexpected error while processing the request'),
    );
  };
}
