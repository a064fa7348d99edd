/** The identity side's own listeners on loopback: STS over https, the instance-role endpoints over http. */
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";

export interface Listening {
  server: Server;
  port: number;
}

export async function listen(server: Server, host: string, port: number): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export function close(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

type Handler = Parameters<typeof createHttpServer>[1];

export function httpsServer(tls: { key: string; cert: string }, handler: NonNullable<Handler>): Server {
  return createHttpsServer({ key: tls.key, cert: tls.cert }, handler) as unknown as Server;
}

export function httpServer(handler: NonNullable<Handler>): Server {
  return createHttpServer(handler);
}
