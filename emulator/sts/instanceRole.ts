/**
 * Loopback stand-ins for where CI runners get role sessions without keys: the ECS instance metadata
 * service (IMDSv2: `PUT /latest/api/token`, then reads with `X-aliyun-ecs-metadata-token`) and a
 * credentials URI (`GET /credentials`). Both hand out sessions of one role, registered with the VPC API.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomString, type Random } from "../random";
import type { RoleRecord } from "../accounts/roles";
import type { SessionIssuer } from "./sessions";

export const METADATA_PATHS = {
  token: "/latest/api/token",
  roles: "/latest/meta-data/ram/security-credentials/",
} as const;
export const CREDENTIALS_URI_PATH = "/credentials";
const TOKEN_HEADER = "x-aliyun-ecs-metadata-token";
const TOKEN_TTL_HEADER = "x-aliyun-ecs-metadata-token-ttl-seconds";
const INSTANCE_SESSION_SECONDS = 3600;

export interface InstanceRoleCore {
  clock(): number;
  random: Random;
  role: RoleRecord;
  sessions: SessionIssuer;
  requireImdsV2: boolean;
  sessionLifetimeMs?: number;
  /** Every request, by `METHOD path`, for tests that check the IMDSv2 order. */
  seen: string[];
  /** IMDSv2 tokens handed out, with the instant they expire. */
  tokens: Map<string, number>;
}

function send(res: ServerResponse, status: number, body: string, type = "text/plain"): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function handleInstanceRoleRequest(
  core: InstanceRoleCore,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const method = req.method ?? "GET";
  const path = new URL(req.url ?? "/", "http://metadata.invalid").pathname;
  core.seen.push(`${method} ${path}`);
  const { tokens } = core;
  const now = core.clock();
  const session = () => {
    const issued = core.sessions.issue(
      core.role,
      INSTANCE_SESSION_SECONDS,
      now,
      core.sessionLifetimeMs ?? core.sessions.lifetimeMs,
    );
    return JSON.stringify({ Code: "Success", LastUpdated: new Date(now).toISOString(), ...issued });
  };

  if (path === CREDENTIALS_URI_PATH && method === "GET") return send(res, 200, session(), "application/json");
  if (path === METADATA_PATHS.token && method === "PUT") {
    const ttl = Number(req.headers[TOKEN_TTL_HEADER]);
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return send(res, 400, "invalid token ttl");
    const token = randomString(core.random, 48);
    tokens.set(token, now + ttl * 1000);
    return send(res, 200, token);
  }
  if (method !== "GET" || !path.startsWith(METADATA_PATHS.roles)) return send(res, 404, "Not Found");
  const token = req.headers[TOKEN_HEADER];
  if (typeof token === "string") {
    const until = tokens.get(token);
    if (until === undefined || until <= now) return send(res, 401, "Unauthorized");
  } else if (core.requireImdsV2) {
    return send(res, 403, "Forbidden: IMDSv2 token required");
  }
  const roleName = path.slice(METADATA_PATHS.roles.length);
  if (roleName === "") return send(res, 200, core.role.roleName);
  if (roleName !== core.role.roleName) return send(res, 404, "Not Found");
  return send(res, 200, session(), "application/json");
}
