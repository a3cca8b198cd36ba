import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express from 'express';
import type { Engine } from '../engine.js';
import { commandRoutes } from './command-routes.js';
import { ApiProblem, problemHandler, sendProblem } from './problem.js';
import { searchRoutes } from './search/search-routes.js';

export interface EngineApiOptions {
  readonly clockControl?: boolean;
  /** When set, every request must carry these basic-auth credentials. */
  readonly basicAuth?: { readonly username: string; readonly password: string };
  readonly onUnexpectedError?: (error: unknown) => void;
}

/** The Camunda 8.8 REST API (v2) subset the system needs, over the embedded engine. */
export function createEngineApp(engine: Engine, options: EngineApiOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.basicAuth) {
    const expected =
      'Basic ' +
      Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64');
    app.use((req, res, next) => {
      if (req.headers.authorization === expected) return next();
      res.setHeader('WWW-Authenticate', 'Basic realm="engine"');
      sendProblem(res, req.path, new ApiProblem(401, 'UNAUTHORIZED', 'Basic authentication is required'));
    });
  }
  app.use(express.json({ limit: '4mb' }));
  app.use('/v2', commandRoutes(engine, { clockControl: options.clockControl ?? false }));
  app.use('/v2', searchRoutes(engine.pool));
  app.use((req, res) =>
    sendProblem(res, req.path, new ApiProblem(404, 'NOT_FOUND', `No endpoint ${req.method} ${req.path}`)),
  );
  app.use(problemHandler(options.onUnexpectedError ?? (() => undefined)));
  return app;
}

export interface RunningApi {
  readonly url: string;
  close(): Promise<void>;
}

export function listen(app: express.Express, port: number, host = '127.0.0.1'): Promise<RunningApi> {
  return new Promise((resolve, reject) => {
    const server: http.Server = app.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.on('error', reject);
  });
}
