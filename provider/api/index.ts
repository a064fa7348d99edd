export {
  VpcClient,
  getCallMetadata,
  type StaticCredentials,
  type VpcClientOptions,
  type RetryEvent,
  type CallMetadata,
  type WithMetadata,
  type WriteOptions,
  type WaitOptions,
  type GatewayWait,
  type PageRequest,
} from "./client";
export * from "./errors";
export * from "./types";
export { CallBudget, type BudgetClock } from "./budget/callBudget";
export { DOCUMENTED_RATE_LIMITS, parseRateLimits, type RateLimitSettings } from "./budget/rateLimits";
export {
  classifyError,
  isRetryableKind,
  BackoffPolicy,
  runWithRetries,
  type ErrorFacts,
  type BackoffPolicyOptions,
  type Deadline,
  type RetryLoopOptions,
  type RetryMetadata,
} from "./retry";
export { deadlineMsFromConfig } from "./config/settings";
export { resolveCredentials, type ResolvedCredentials } from "./config/credentials";
export { resolveEndpoint, defaultEndpoint, isLoopback, type ResolvedEndpoint } from "./config/endpoint";
export { resolveRegion, defaultRegion } from "./config/region";
export { CONFIG_KEYS, ENV_KEYS } from "./config/keys";
export type { ResolutionContext } from "./config/context";
export { toWireParams } from "./request/wireParams";
export type { SignatureVersion } from "./request/signedRequest";
export { API_VERSION, MAX_PAGE_SIZE, DEFAULT_DEADLINE_MS, DEFAULT_ATTEMPT_TIMEOUT_MS } from "./constants";
export { SingleFlight } from "./singleFlight";
