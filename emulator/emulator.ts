/** Wires the parts together and serves them over HTTP on loopback. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CredentialRegistry, generateCredential, type Principal } from "./auth/credentials";
import { NonceCache } from "./auth/nonces";
import { DEFAULT_CONFIG_DELAY_MS, DEFAULT_HOST } from "./constants";
import { createDrift, type Drift } from "./drift";
import { FaultInjector } from "./faults";
import { RateLimiter } from "./rateLimits/limiter";
import { DEFAULT_GATEWAYS, gatewayRecord } from "./gateways";
import { handleRequest, type RequestCore } from "./http/handleRequest";
import {
  type EmulatorGatewayState,
  type EmulatorPbrRoute,
  type EmulatorRoute,
  gatewayStateOf,
  pbrRoutesOf,
  routesOf,
} from "./inspect";
import type {
  EmulatorCredential,
  EmulatorGateway,
  EmulatorOptions,
  FaultOptions,
  RateLimitOptions,
} from "./options";
import { DEFAULT_ACCOUNT_ID } from "./constants";
import { randomSeed, requestId, seededRandom } from "./random";
import { type EmulatorLogEntry, RequestLog } from "./requestLog";
import { loadState, saveState } from "./state/persistence";
import { Stores } from "./state/store";
import { startIdentity } from "./sts/identity";
import type { EmulatorRole } from "./options";

/** A started emulator: where it listens, its key, and what tests look at and change. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** The address it listens on (127.0.0.1 unless `host` was given). */
  host: string;
  /** The port it listens on (ephemeral unless `port` was given). */
  port: number;
  /** The first account's key (and its STS token when one is configured). */
  credentials: {
    /** Access key ID. */
    accessKeyId: string;
    /** Access key secret. */
    accessKeySecret: string;
    /** STS token, when the first account's key is a session's. */
    securityToken?: string;
  };
  /** The first account's ID. */
  accountId: string;
  /** Stops listening (and the identity endpoints); the state file keeps what it held. */
  stop(): Promise<void>;
  /** Back to the configured gateways with empty tables; forgets tokens, nonces, log and counts; faults as configured. */
  reset(): void;
  /** Replaces the seeded faults from now on. */
  setFaults(faults: FaultOptions): void;
  /** Replaces the rate limits (`false`: none); every budget starts full again. */
  setRateLimits(limits: RateLimitOptions | false): void;
  /** How long every gateway stays `updating` after writes from now on: a gateway that got slower or faster. */
  setConfigDelay(ms: number): void;
  /** Requests per Action, all attempts including rejected ones. */
  counts(): Record<string, number>;
  /** The bounded log of what was asked and answered, oldest first. */
  requestLog(): EmulatorLogEntry[];
  /** Clears the request log and the counts. */
  clearLog(): void;
  /** A gateway's destination routes, as it holds them. */
  routes(vpnGatewayId: string): EmulatorRoute[];
  /** A gateway's policy routes, as it holds them. */
  pbrRoutes(vpnGatewayId: string): EmulatorPbrRoute[];
  /** One gateway, or undefined when it holds none of that ID. */
  gateway(vpnGatewayId: string): EmulatorGatewayState | undefined;
  /** Every gateway it holds, in every account and region. */
  gateways(): EmulatorGatewayState[];
  /** Adds a gateway (of any account) while running. */
  addGateway(gateway: EmulatorGateway): void;
  /** Out-of-band changes, as if someone used the console. */
  drift: Drift;
  /** `127.0.0.1:PORT` of the STS endpoint (https), as `alicloud:endpoints` `sts` takes it; when `sts` is set. */
  stsEndpoint?: string;
  /** `http://127.0.0.1:PORT` of the ECS metadata stand-in; when `instanceRole` is set. */
  metadataEndpoint?: string;
  /** `http://127.0.0.1:PORT/credentials`; when `instanceRole` is set. */
  credentialsUri?: string;
  /** Requests the metadata / credentials-URI stand-in received, `METHOD path`. */
  instanceRequests(): string[];
  /** Real lifetime of sessions issued from now on (tests of refresh); undefined: as DurationSeconds asks. */
  setStsSessionLifetime(ms: number | undefined): void;
  /** Adds a RAM role; returns its ARN. */
  addRole(role: EmulatorRole): string;
  /** Adds an access key (of any account). */
  addCredential(credential: EmulatorCredential): void;
}

function formatEndpoint(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = options.clock ?? Date.now;
  const random = seededRandom(options.seed ?? randomSeed());
  const credentials = options.credentials ?? [generateCredential(random)];
  const registry = new CredentialRegistry(credentials);
  const first: Principal = registry.first();
  const initialGateways = options.gateways ?? DEFAULT_GATEWAYS;
  const stores = new Stores();
  const faults = new FaultInjector(options.faults);
  const rateLimits = new RateLimiter(options.rateLimits);
  const log = new RequestLog();
  const nonces = new NonceCache();
  const persist = () => {
    if (options.stateFile) saveState(options.stateFile, stores);
  };
  const seedGateways = () => {
    for (const g of initialGateways) {
      if (!stores.findGateway(g.vpnGatewayId))
        stores.addGateway(gatewayRecord(g, first.accountId, clock(), options.routeQuota));
    }
  };
  // A state file, when present, wins; configured gateways it lacks are added.
  if (!(options.stateFile && loadState(options.stateFile, stores))) stores.clear();
  seedGateways();
  persist();

  const core: RequestCore = {
    clock,
    nextRequestId: () => requestId(random),
    configDelayMs: options.configDelayMs ?? DEFAULT_CONFIG_DELAY_MS,
    registry,
    nonces,
    faults,
    rateLimits,
    log,
    stores,
    changed: persist,
  };
  // handleRequest answers every error itself; this catch only guards against a socket that broke mid-answer.
  const server: Server = createServer(
    (req, res) => void handleRequest(core, req, res).catch(() => res.destroy()),
  );
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const identity = await startIdentity(options, {
    host,
    clock,
    random,
    nextRequestId: core.nextRequestId,
    registry,
    nonces,
    log,
  });
  const gatewayOrThrow = (id: string) => {
    const g = stores.findGateway(id);
    if (!g) throw new Error(`no gateway ${id}`);
    return g;
  };

  return {
    endpoint: formatEndpoint(host, port),
    host,
    port,
    credentials: {
      accessKeyId: first.accessKeyId,
      accessKeySecret: first.accessKeySecret,
      ...(first.securityToken ? { securityToken: first.securityToken } : {}),
    },
    accountId: first.accountId,
    stop: async () => {
      await identity.stop();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
    reset() {
      stores.clear();
      seedGateways();
      nonces.clear();
      log.clear();
      faults.set(options.faults ?? {});
      faults.reseed();
      rateLimits.set(options.rateLimits);
      persist();
    },
    setFaults: (f) => faults.set(f),
    setRateLimits: (limits) => rateLimits.set(limits),
    setConfigDelay: (ms) => {
      core.configDelayMs = ms;
    },
    counts: () => log.counts(),
    requestLog: () => log.list(),
    clearLog: () => log.clear(),
    routes: (id) => routesOf(gatewayOrThrow(id)),
    pbrRoutes: (id) => pbrRoutesOf(gatewayOrThrow(id)),
    gateway: (id) => {
      const g = stores.findGateway(id);
      return g && gatewayStateOf(g, clock());
    },
    gateways: () =>
      stores.all().flatMap((s) => [...s.gateways.values()].map((g) => gatewayStateOf(g, clock()))),
    addGateway(g) {
      stores.addGateway(gatewayRecord(g, first.accountId, clock(), options.routeQuota));
      persist();
    },
    drift: createDrift(stores, persist),
    stsEndpoint: identity.stsEndpoint,
    metadataEndpoint: identity.metadataEndpoint,
    credentialsUri: identity.credentialsUri,
    instanceRequests: () => identity.instanceRequests(),
    setStsSessionLifetime: (ms) => void (identity.sessions.lifetimeMs = ms),
    addRole: (role) => identity.roles.add(role).arn,
    addCredential: (c) => registry.add({ ...c, accountId: c.accountId ?? DEFAULT_ACCOUNT_ID }),
  };
}
