import express, { type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { JsonObject } from '../feel/index.js';
import { correlateMessage, publishMessage } from '../commands/messages.js';
import { DEFAULT_TENANT, type Engine } from '../engine.js';
import { badRequest, ApiProblem } from './problem.js';
import { int64, keySchema, parseBody, parseKey, variablesSchema } from './validate.js';

const MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

const tenantId = z
  .string()
  .regex(/^(<default>|[A-Za-z0-9_@.+-]+)$/, 'must be a tenant id')
  .optional();
const tags = z
  .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_\-:.]{0,99}$/, 'must be a tag'))
  .max(10)
  .optional();

const createInstance = z
  .object({
    processDefinitionId: z.string().min(1).optional(),
    processDefinitionVersion: z.number().int().optional(),
    processDefinitionKey: keySchema.optional(),
    variables: variablesSchema.optional(),
    tenantId,
    operationReference: int64.optional(),
    startInstructions: z
      .array(z.object({ elementId: z.string() }))
      .max(0, 'start instructions are not supported by this engine yet')
      .optional(),
    awaitCompletion: z.boolean().optional(),
    fetchVariables: z.array(z.string()).optional(),
    requestTimeout: int64.optional(),
    tags,
  })
  .refine((b) => b.processDefinitionId !== undefined || b.processDefinitionKey !== undefined, {
    message: 'either processDefinitionId or processDefinitionKey is required',
    path: ['processDefinitionId'],
  });

const activateJobs = z.object({
  type: z.string().min(1),
  worker: z.string().optional(),
  timeout: int64.refine((n) => n > 0, 'must be positive'),
  maxJobsToActivate: z.number().int().positive(),
  fetchVariable: z.array(z.string()).optional(),
  requestTimeout: int64.optional(),
  tenantIds: z.array(z.string()).optional(),
});

const completeJob = z.object({
  variables: variablesSchema.nullable().optional(),
  result: z.unknown().optional(),
});
const failJob = z.object({
  retries: z.number().int().optional(),
  errorMessage: z.string().optional(),
  retryBackOff: int64.optional(),
  variables: variablesSchema.optional(),
});
const throwError = z.object({
  errorCode: z.string().min(1),
  errorMessage: z.string().nullable().optional(),
  variables: variablesSchema.nullable().optional(),
});
const updateJob = z.object({
  changeset: z.object({
    retries: z.number().int().nullable().optional(),
    timeout: int64.nullable().optional(),
  }),
  operationReference: int64.optional(),
});
const assignTask = z.object({
  assignee: z.string().min(1, 'must not be empty'),
  allowOverride: z.boolean().nullable().optional(),
  action: z.string().nullable().optional(),
});
const completeTask = z.object({
  variables: variablesSchema.nullable().optional(),
  action: z.string().nullable().optional(),
});
const dateOrReset = z
  .union([z.literal(''), z.string().datetime({ offset: true })])
  .nullable()
  .optional();
const updateTask = z.object({
  changeset: z
    .object({
      dueDate: dateOrReset,
      followUpDate: dateOrReset,
      candidateUsers: z.array(z.string()).nullable().optional(),
      candidateGroups: z.array(z.string()).nullable().optional(),
      priority: z.number().int().min(0).max(100).nullable().optional(),
    })
    .optional(),
  action: z.string().nullable().optional(),
});
const setVariables = z.object({
  variables: variablesSchema,
  local: z.boolean().optional(),
  operationReference: int64.optional(),
});
const publishMessageBody = z.object({
  name: z.string().min(1),
  correlationKey: z.string().optional(),
  timeToLive: int64.optional(),
  messageId: z.string().optional(),
  variables: variablesSchema.optional(),
  tenantId,
});
const correlateMessageBody = z.object({
  name: z.string().min(1),
  correlationKey: z.string().optional(),
  variables: variablesSchema.optional(),
  tenantId,
});
const pinClock = z.object({ timestamp: int64.refine((n) => n >= 0, 'must not be negative') });

const toDate = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null || v === '' ? null : new Date(v);

type Handler = (req: Request, res: Response) => Promise<void>;

/** The Camunda 8.8 REST endpoints that change state (STRONG consistency in the spec). */
export function commandRoutes(engine: Engine, options: { clockControl: boolean }): express.Router {
  const router = express.Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_MESSAGE_SIZE, files: 100 },
  });
  const route = (fn: Handler) => (req: Request, res: Response, next: (e: unknown) => void) =>
    fn(req, res).catch(next);
  const noContent = (res: Response) => void res.status(204).end();

  router.get('/topology', (_req, res) => {
    res.json({
      brokers: [
        {
          nodeId: 0,
          host: '127.0.0.1',
          port: 26501,
          partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
          version: '8.8.0',
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: '8.8.0',
      lastCompletedChangeId: '-1',
    });
  });
  router.get('/status', (_req, res) => void res.status(204).end());

  router.post(
    '/deployments',
    upload.array('resources'),
    route(async (req, res) => {
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const tenant =
        typeof req.body?.tenantId === 'string' && req.body.tenantId ? req.body.tenantId : DEFAULT_TENANT;
      const result = await engine.deploy(
        files.map((f) => ({ name: f.originalname, content: f.buffer })),
        tenant,
      );
      res.json(result);
    }),
  );

  router.post(
    '/process-instances',
    route(async (req, res) => {
      const body = parseBody(createInstance, req.body);
      const created = await engine.createProcessInstance({
        ...(body.processDefinitionId !== undefined ? { processDefinitionId: body.processDefinitionId } : {}),
        ...(body.processDefinitionVersion !== undefined
          ? { processDefinitionVersion: body.processDefinitionVersion }
          : {}),
        ...(body.processDefinitionKey !== undefined
          ? { processDefinitionKey: BigInt(body.processDefinitionKey) }
          : {}),
        variables: (body.variables ?? {}) as JsonObject,
        ...(body.tenantId !== undefined ? { tenantId: body.tenantId } : {}),
        ...(body.tags !== undefined ? { tags: body.tags } : {}),
      });
      let variables: JsonObject = {};
      if (body.awaitCompletion) {
        const result = await engine.awaitCompletion(
          BigInt(created.processInstanceKey),
          body.requestTimeout || 10_000,
        );
        if (!result) {
          throw new ApiProblem(
            504,
            'DEADLINE_EXCEEDED',
            'Expected to wait for the process instance to complete, but the request timed out',
          );
        }
        variables = body.fetchVariables?.length
          ? Object.fromEntries(Object.entries(result).filter(([k]) => body.fetchVariables!.includes(k)))
          : result;
      }
      res.json({ ...created, variables });
    }),
  );

  router.post(
    '/process-instances/:processInstanceKey/cancellation',
    route(async (req, res) => {
      await engine.cancelProcessInstance(parseKey(req.params.processInstanceKey, 'processInstanceKey'));
      noContent(res);
    }),
  );

  router.post(
    '/jobs/activation',
    route(async (req, res) => {
      const body = parseBody(activateJobs, req.body);
      const jobs = await engine.activateJobs({
        type: body.type,
        ...(body.worker !== undefined ? { worker: body.worker } : {}),
        timeoutMs: body.timeout,
        maxJobsToActivate: body.maxJobsToActivate,
        ...(body.fetchVariable ? { fetchVariable: body.fetchVariable } : {}),
        ...(body.requestTimeout !== undefined ? { requestTimeoutMs: body.requestTimeout } : {}),
        ...(body.tenantIds ? { tenantIds: body.tenantIds } : {}),
      });
      res.json({ jobs });
    }),
  );

  router.post(
    '/jobs/:jobKey/completion',
    route(async (req, res) => {
      const body = parseBody(completeJob, req.body);
      await engine.completeJob(parseKey(req.params.jobKey, 'jobKey'), (body.variables ?? {}) as JsonObject);
      noContent(res);
    }),
  );

  router.post(
    '/jobs/:jobKey/failure',
    route(async (req, res) => {
      const body = parseBody(failJob, req.body);
      await engine.failJob(parseKey(req.params.jobKey, 'jobKey'), {
        retries: body.retries ?? 0,
        ...(body.errorMessage !== undefined ? { errorMessage: body.errorMessage } : {}),
        ...(body.retryBackOff !== undefined ? { retryBackOffMs: body.retryBackOff } : {}),
        ...(body.variables ? { variables: body.variables as JsonObject } : {}),
      });
      noContent(res);
    }),
  );

  router.post(
    '/jobs/:jobKey/error',
    route(async (req, res) => {
      const body = parseBody(throwError, req.body);
      await engine.throwJobError(parseKey(req.params.jobKey, 'jobKey'), {
        errorCode: body.errorCode,
        ...(body.errorMessage ? { errorMessage: body.errorMessage } : {}),
        ...(body.variables ? { variables: body.variables as JsonObject } : {}),
      });
      noContent(res);
    }),
  );

  router.patch(
    '/jobs/:jobKey',
    route(async (req, res) => {
      const { changeset } = parseBody(updateJob, req.body);
      if (changeset.retries == null && changeset.timeout == null)
        throw badRequest('changeset: at least one of retries or timeout is required');
      await engine.updateJob(parseKey(req.params.jobKey, 'jobKey'), {
        ...(changeset.retries != null ? { retries: changeset.retries } : {}),
        ...(changeset.timeout != null ? { timeoutMs: changeset.timeout } : {}),
      });
      noContent(res);
    }),
  );

  router.post(
    '/messages/publication',
    route(async (req, res) => {
      const body = parseBody(publishMessageBody, req.body);
      res.json(
        await publishMessage(engine, {
          name: body.name,
          correlationKey: body.correlationKey ?? '',
          timeToLiveMs: body.timeToLive ?? 0,
          ...(body.messageId ? { messageId: body.messageId } : {}),
          variables: (body.variables ?? {}) as JsonObject,
          tenantId: body.tenantId ?? DEFAULT_TENANT,
        }),
      );
    }),
  );

  router.post(
    '/messages/correlation',
    route(async (req, res) => {
      const body = parseBody(correlateMessageBody, req.body);
      res.json(
        await correlateMessage(engine, {
          name: body.name,
          correlationKey: body.correlationKey ?? '',
          variables: (body.variables ?? {}) as JsonObject,
          tenantId: body.tenantId ?? DEFAULT_TENANT,
        }),
      );
    }),
  );

  router.post(
    '/user-tasks/:userTaskKey/completion',
    route(async (req, res) => {
      const body = parseBody(completeTask, req.body);
      await engine.completeUserTask(
        parseKey(req.params.userTaskKey, 'userTaskKey'),
        (body.variables ?? {}) as JsonObject,
      );
      noContent(res);
    }),
  );

  router.post(
    '/user-tasks/:userTaskKey/assignment',
    route(async (req, res) => {
      const body = parseBody(assignTask, req.body);
      await engine.assignUserTask(
        parseKey(req.params.userTaskKey, 'userTaskKey'),
        body.assignee,
        body.allowOverride ?? true,
      );
      noContent(res);
    }),
  );

  router.delete(
    '/user-tasks/:userTaskKey/assignee',
    route(async (req, res) => {
      await engine.assignUserTask(parseKey(req.params.userTaskKey, 'userTaskKey'), null);
      noContent(res);
    }),
  );

  router.patch(
    '/user-tasks/:userTaskKey',
    route(async (req, res) => {
      const { changeset = {} } = parseBody(updateTask, req.body);
      await engine.updateUserTask(parseKey(req.params.userTaskKey, 'userTaskKey'), {
        ...(changeset.dueDate !== undefined ? { dueDate: toDate(changeset.dueDate)! } : {}),
        ...(changeset.followUpDate !== undefined ? { followUpDate: toDate(changeset.followUpDate)! } : {}),
        ...(changeset.candidateGroups != null ? { candidateGroups: changeset.candidateGroups } : {}),
        ...(changeset.candidateUsers != null ? { candidateUsers: changeset.candidateUsers } : {}),
        ...(changeset.priority != null ? { priority: changeset.priority } : {}),
      });
      noContent(res);
    }),
  );

  router.post(
    '/incidents/:incidentKey/resolution',
    route(async (req, res) => {
      await engine.resolveIncident(parseKey(req.params.incidentKey, 'incidentKey'));
      noContent(res);
    }),
  );

  router.put(
    '/element-instances/:elementInstanceKey/variables',
    route(async (req, res) => {
      const body = parseBody(setVariables, req.body);
      await engine.setVariables(
        parseKey(req.params.elementInstanceKey, 'elementInstanceKey'),
        body.variables as JsonObject,
        body.local ?? false,
      );
      noContent(res);
    }),
  );

  if (options.clockControl) {
    router.put(
      '/clock',
      route(async (req, res) => {
        await engine.clock.pin(parseBody(pinClock, req.body).timestamp);
        noContent(res);
      }),
    );
    router.post(
      '/clock/reset',
      route(async (_req, res) => {
        await engine.clock.reset();
        noContent(res);
      }),
    );
  }
  return router;
}
