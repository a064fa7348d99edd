/**
 * A local emulator of the Alibaba Cloud VPC API (2016-04-28) for VPN gateway route entries: the same
 * signatures, errors, asynchrony and idempotency as the real API, on 127.0.0.1.
 */
export { startEmulator, type RunningEmulator } from "./emulator";
export type {
  BusinessStatus,
  EmulatorCredential,
  EmulatorGateway,
  EmulatorInstanceRoleOptions,
  EmulatorOidcProvider,
  EmulatorOptions,
  EmulatorRole,
  EmulatorStsOptions,
  FaultOptions,
  GatewayType,
  RateLimitOptions,
} from "./options";
export type { EmulatorLogEntry } from "./requestLog";
export type { EarlyFault, FaultKind } from "./faults";
export type { Drift, RouteKey } from "./drift";
export type { EmulatorGatewayState, EmulatorPbrRoute, EmulatorRoute } from "./inspect";
export { DEFAULT_GATEWAYS, DEFAULT_REGION } from "./gateways";
export { loadSeedFile, type Seed, type SeedFile } from "./seedFile";
export { DOCUMENTED_RATE_LIMITS, RATE_LIMIT_PERIOD_MS, type DocumentedLimit } from "./rateLimits/documented";
