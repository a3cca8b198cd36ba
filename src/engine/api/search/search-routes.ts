import express, { type Request, type Response } from 'express';
import type pg from 'pg';
import { notFoundProblem } from '../problem.js';
import { parseKey } from '../validate.js';
import { elementInstances } from './element-instances.js';
import { startForm, userTaskForm, type FormLookup } from './forms.js';
import { incidents, incidentsOfInstanceTree } from './incidents.js';
import { jobs } from './jobs.js';
import { processDefinitionXml, processDefinitions } from './process-definitions.js';
import { processInstanceExists, processInstances } from './process-instances.js';
import { findByKey, runSearch, searchRequest, type ExtraConditions } from './search-query.js';
import type { SearchResource } from './search-resource.js';
import { sequenceFlowsOf } from './sequence-flows.js';
import { elementInstanceOfUserTask, userTasks } from './user-tasks.js';
import {
  effectiveVariablesInScopes,
  truncateValues,
  userTaskVariableSearch,
  variable,
  variableSearch,
  variablesInScopes,
} from './variables.js';

type Handler = (req: Request, res: Response) => Promise<void>;

/** The search and get endpoints (EVENTUAL consistency in the spec), read from the engine's tables. */
export function searchRoutes(pool: pg.Pool): express.Router {
  const router = express.Router();
  const route = (fn: Handler) => (req: Request, res: Response, next: (e: unknown) => void) =>
    fn(req, res).catch(next);
  const key = (req: Request, name: string) => parseKey(req.params[name], name);

  const search = <Row, Result>(path: string, resource: (req: Request) => SearchResource<Row, Result>) =>
    router.post(
      path,
      route(async (req, res) => {
        res.json(await runSearch(pool, resource(req), searchRequest(req.body)));
      }),
    );
  const get = <Row, Result>(
    path: string,
    name: string,
    what: string,
    resource: SearchResource<Row, Result>,
  ) =>
    router.get(
      path,
      route(async (req, res) => {
        const item = await findByKey(pool, resource, key(req, name));
        if (item === undefined) throw notFoundProblem(`${what} with key '${req.params[name]}' not found`);
        res.json(item);
      }),
    );
  const sendForm = (res: Response, lookup: FormLookup, notFound: string) => {
    if (!lookup.found) throw notFoundProblem(notFound);
    if (lookup.form === undefined) return void res.status(204).end();
    res.json(lookup.form);
  };

  // Process definitions
  router.post(
    '/process-definitions/search',
    route(async (req, res) => {
      const request = searchRequest(req.body);
      const result = await runSearch(pool, processDefinitions, request);
      // The spec: with isLatestVersion, the response has no startCursor (paging is forward only).
      const latestOnly =
        (request.filter as { isLatestVersion?: unknown } | null | undefined)?.isLatestVersion === true;
      if (latestOnly) delete result.page.startCursor;
      res.json(result);
    }),
  );
  get(
    '/process-definitions/:processDefinitionKey',
    'processDefinitionKey',
    'Process definition',
    processDefinitions,
  );
  router.get(
    '/process-definitions/:processDefinitionKey/xml',
    route(async (req, res) => {
      const xml = await processDefinitionXml(pool, key(req, 'processDefinitionKey'));
      if (xml === undefined)
        throw notFoundProblem(`Process definition with key '${req.params.processDefinitionKey}' not found`);
      res.type('text/xml').send(xml);
    }),
  );
  router.get(
    '/process-definitions/:processDefinitionKey/form',
    route(async (req, res) => {
      const lookup = await startForm(pool, key(req, 'processDefinitionKey'));
      sendForm(res, lookup, `Process definition with key '${req.params.processDefinitionKey}' not found`);
    }),
  );

  // Process instances
  search('/process-instances/search', () => processInstances);
  get('/process-instances/:processInstanceKey', 'processInstanceKey', 'Process instance', processInstances);
  router.post(
    '/process-instances/:processInstanceKey/incidents/search',
    route(async (req, res) => {
      const instanceKey = key(req, 'processInstanceKey');
      const request = searchRequest(req.body, ['sort', 'page']);
      if (!(await processInstanceExists(pool, instanceKey))) {
        throw notFoundProblem(`Process instance with key '${req.params.processInstanceKey}' not found`);
      }
      res.json(
        await runSearch(pool, incidents, request, (params) => [
          incidentsOfInstanceTree(params.add(instanceKey.toString())),
        ]),
      );
    }),
  );

  router.get(
    '/process-instances/:processInstanceKey/sequence-flows',
    route(async (req, res) => {
      res.json({ items: await sequenceFlowsOf(pool, key(req, 'processInstanceKey')) });
    }),
  );

  // Element instances
  search('/element-instances/search', () => elementInstances);
  get('/element-instances/:elementInstanceKey', 'elementInstanceKey', 'Element instance', elementInstances);

  // Variables
  search('/variables/search', (req) => variableSearch(truncateValues(req.query.truncateValues)));
  get('/variables/:variableKey', 'variableKey', 'Variable', variable);

  // User tasks
  search('/user-tasks/search', () => userTasks);
  get('/user-tasks/:userTaskKey', 'userTaskKey', 'User task', userTasks);
  router.get(
    '/user-tasks/:userTaskKey/form',
    route(async (req, res) => {
      const lookup = await userTaskForm(pool, key(req, 'userTaskKey'));
      sendForm(res, lookup, `User task with key '${req.params.userTaskKey}' not found`);
    }),
  );
  const userTaskVariables = (scopeCondition: (elementInstanceKey: string) => string) =>
    route(async (req, res) => {
      const taskKey = key(req, 'userTaskKey');
      const truncate = truncateValues(req.query.truncateValues);
      const request = searchRequest(req.body);
      const elementInstanceKey = await elementInstanceOfUserTask(pool, taskKey);
      if (elementInstanceKey === undefined)
        throw notFoundProblem(`User task with key '${req.params.userTaskKey}' not found`);
      const inScopes: ExtraConditions = (params) => [scopeCondition(params.add(elementInstanceKey))];
      res.json(await runSearch(pool, userTaskVariableSearch(truncate), request, inScopes));
    });
  router.post('/user-tasks/:userTaskKey/variables/search', userTaskVariables(variablesInScopes));
  router.post(
    '/user-tasks/:userTaskKey/effective-variables/search',
    userTaskVariables(effectiveVariablesInScopes),
  );

  // Incidents
  search('/incidents/search', () => incidents);
  get('/incidents/:incidentKey', 'incidentKey', 'Incident', incidents);

  // Jobs
  search('/jobs/search', () => jobs);

  return router;
}
