/** Wires the identity side (roles, OIDC providers, STS, instance-role endpoints) into a running emulator. */
import type { Server } from "node:http";
import type { CredentialRegistry } from "../auth/credentials";
import type { NonceCache } from "../auth/nonces";
import { OidcProviderRegistry } from "../accounts/oidcProviders";
import { RoleRegistry } from "../accounts/roles";
import type { EmulatorOptions } from "../options";
import type { Random } from "../random";
import type { RequestLog } from "../requestLog";
import { handleStsRequest, type StsCore } from "./handleStsRequest";
import { CREDENTIALS_URI_PATH, handleInstanceRoleRequest, type InstanceRoleCore } from "./instanceRole";
import { close, httpServer, httpsServer, listen } from "./servers";
import { SessionIssuer } from "./sessions";

export interface RunningIdentity {
  roles: RoleRegistry;
  oidcProviders: OidcProviderRegistry;
  /** `127.0.0.1:PORT` (host and port, as `alicloud:endpoints` `sts` takes it), when STS is served. */
  stsEndpoint?: string;
  /** `http://127.0.0.1:PORT`, when the instance role is served. */
  metadataEndpoint?: string;
  /** `http://127.0.0.1:PORT/credentials`, when the instance role is served. */
  credentialsUri?: string;
  sessions: SessionIssuer;
  /** Requests to the instance-role endpoints, `METHOD path`. */
  instanceRequests(): string[];
  stop(): Promise<void>;
}

export interface IdentityDeps {
  host: string;
  clock(): number;
  random: Random;
  nextRequestId(): string;
  registry: CredentialRegistry;
  nonces: NonceCache;
  log: RequestLog;
}

function hostPort(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export async function startIdentity(options: EmulatorOptions, deps: IdentityDeps): Promise<RunningIdentity> {
  const roles = new RoleRegistry(options.roles);
  const oidcProviders = new OidcProviderRegistry(options.oidcProviders);
  const sessions = new SessionIssuer(deps.registry, deps.random, options.sts?.sessionLifetimeMs);
  const servers: Server[] = [];
  const result: RunningIdentity = {
    roles,
    oidcProviders,
    sessions,
    instanceRequests: () => [],
    stop: async () => {
      await Promise.all(servers.map(close));
    },
  };
  if (options.sts) {
    const core: StsCore = { ...deps, roles, oidcProviders, sessions };
    const server = httpsServer(options.sts.tls, (req, res) => {
      void handleStsRequest(core, req, res).catch(() => res.destroy());
    });
    const { port } = await listen(server, deps.host, options.sts.port ?? 0);
    servers.push(server);
    result.stsEndpoint = hostPort(deps.host, port);
  }
  if (options.instanceRole) {
    const role = roles.find(options.instanceRole.roleArn);
    if (!role) throw new Error(`instanceRole: no role ${options.instanceRole.roleArn} among roles`);
    const core: InstanceRoleCore = {
      clock: deps.clock,
      random: deps.random,
      role,
      sessions,
      requireImdsV2: options.instanceRole.requireImdsV2 ?? false,
      sessionLifetimeMs: options.instanceRole.sessionLifetimeMs,
      seen: [],
      tokens: new Map(),
    };
    const server = httpServer((req, res) => handleInstanceRoleRequest(core, req, res));
    const { port } = await listen(server, deps.host, 0);
    servers.push(server);
    result.metadataEndpoint = `http://${hostPort(deps.host, port)}`;
    result.credentialsUri = `${result.metadataEndpoint}${CREDENTIALS_URI_PATH}`;
    result.instanceRequests = () => [...core.seen];
  }
  return result;
}
