/**
 * A TCP proxy on loopback in front of a server, counting the bytes clients send through it: what the Pulumi CLI
 * uploads to an S3 backend, measured at the server's door (TLS passes through untouched, so the count is the
 * bytes on the wire, a little above the objects' sizes).
 */
import * as net from "node:net";

export interface CountingProxy {
  /** The port to connect to instead of the server's. */
  port: number;
  /** Bytes clients sent since the start or the last reset(). */
  uploadedBytes(): number;
  reset(): void;
  stop(): Promise<void>;
}

export async function startCountingProxy(targetPort: number): Promise<CountingProxy> {
  let uploaded = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      // One side gone: the other goes too, as a direct connection would.
      socket.on("error", () => undefined);
      socket.on("close", () => (socket === client ? upstream : client).destroy());
    }
    client.on("data", (chunk: Buffer) => (uploaded += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    uploadedBytes: () => uploaded,
    reset: () => (uploaded = 0),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
