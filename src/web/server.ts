import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

export interface RunningWeb {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Serves the web app on a port (0 = any free port). */
export function listenWeb(app: express.Express, port: number, host = '127.0.0.1'): Promise<RunningWeb> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => {
      if (err) return reject(err);
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
