/** Public option types of the emulator. */

export type BusinessStatus = "Normal" | "FinancialLocked";

export interface EmulatorGateway {
  vpnGatewayId: string;
  regionId: string;
  /** Owner. @default the first credential's account */
  accountId?: string;
  /** Base status (`init | provisioning | active | updating | deleting`); writes need `active`. @default "active" */
  status?: string;
  /** @default "Normal" */
  businessStatus?: BusinessStatus;
  /** Entries allowed per table (destination routes, policy routes). @default 100 */
  routeQuota?: number;
  /** @default derived from the gateway ID */
  vpcId?: string;
}

export interface EmulatorCredential {
  accessKeyId: string;
  accessKeySecret: string;
  /** @default "1000000000000001" */
  accountId?: string;
  /** When set, the key behaves as an STS key: every request must carry this token. @default none */
  securityToken?: string;
}

export interface FaultOptions {
  /** Seed of the fault dice; the same seed and request order give the same faults. @default 1 */
  seed?: number;
  /** Percent of authenticated requests refused with Throttling.User. @default 0 */
  throttlePct?: number;
  /** Value of `x-acs-retry-after` on throttled responses. @default 1 */
  retryAfterSeconds?: number;
  /** Percent answered with ServiceUnavailable (503) or InternalError (500), half each. @default 0 */
  serverErrorPct?: number;
  /** Percent whose connection is reset before the action runs (nothing applied). @default 0 */
  resetBeforeApplyPct?: number;
  /** Percent whose connection is reset after the action ran: the response is lost. @default 0 */
  resetAfterApplyPct?: number;
  /** Added latency per authenticated request. @default 0 */
  latencyMs?: number;
}

export interface EmulatorOptions {
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** How long each write keeps its gateway `updating`. @default 200 */
  configDelayMs?: number;
  /** @default two gateways in cn-hangzhou (see DEFAULT_GATEWAYS) */
  gateways?: EmulatorGateway[];
  /** @default one account with generated credentials */
  credentials?: EmulatorCredential[];
  /** @default no faults */
  faults?: FaultOptions;
  /** JSON file the state is loaded from at start and written to (atomically) after each change. @default none */
  stateFile?: string;
  /** Milliseconds since the epoch. @default Date.now */
  clock?: () => number;
  /** Seed of request IDs and generated credentials. @default random */
  seed?: number;
}
