/**
 * The VPC API client, an ordinary typed client with no Pulumi inside: client.ts is where to start; a call
 * goes invoker.ts (one call) → budget.ts, signing.ts, transport.ts inside retry.ts's loop; errors.ts holds
 * every error class, codes.ts what each API code means; config/ and credentials/ resolve where a call goes
 * and as whom.
 */
export {
  VpcClient,
  getCallMetadata,
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
export {
  CallBudget,
  parseRateLimits,
  type BudgetClock,
  type BudgetWait,
  type RateLimitSettings,
} from "./budget";
export {
  classifyError,
  BackoffPolicy,
  runWithRetries,
  type ErrorFacts,
  type BackoffPolicyOptions,
  type Deadline,
  type RetryLoopOptions,
  type RetryMetadata,
} from "./retry";
export { pollUntil, type PollOptions, type PollSchedule } from "./poll";
export { resolveCredentials, type ResolvedCredentials } from "./config/credentials";
export {
  deadlineMsFromConfig,
  resolveEndpoint,
  isLoopback,
  resolveRegion,
  type ResolvedEndpoint,
} from "./config/settings";
export {
  CONFIG_KEYS,
  ENV_KEYS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  type ResolutionContext,
} from "./config/keys";
export { toWireParams, type SignatureVersion } from "./signing";
export { abortable } from "./transport";
