import http, { type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the test server received it. */
export interface Recorded {
  method: string;
  url: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Decoded form body parameters (empty unless form-encoded). */
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse, callNumber: number) => void | Promise<void>;

export interface ApiServer {
  endpoint: string;
  port: number;
  requests: Recorded[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 and an ephemeral port that records every request it gets. */
export async function startApiServer(handler: Handler): Promise<ApiServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://placeholder");
      const isForm = String(req.headers["content-type"] ?? "").startsWith(
        "application/x-www-form-urlencoded",
      );
      const recorded: Recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        query: Object.fromEntries(url.searchParams),
        form: isForm ? Object.fromEntries(new URLSearchParams(body)) : {},
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res, requests.length)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json;charset=utf-8", ...headers });
  res.end(text);
}

export function apiError(
  res: ServerResponse,
  status: number,
  code: string,
  requestId: string,
  extra = {},
): void {
  sendJson(res, status, {
    RequestId: requestId,
    HostId: "vpc.test",
    Code: code,
    Message: `message of ${code}`,
    ...extra,
  });
}

/** The action a request names, whichever scheme signed it. */
export function actionOf(req: Recorded): string {
  return String(req.headers["x-acs-action"] ?? req.form.Action ?? req.query.Action ?? "");
}

/** All API parameters of a request: the query (ACS3) or the form body (RPC). */
export function paramsOf(req: Recorded): Record<string, string> {
  return { ...req.query, ...req.form };
}
