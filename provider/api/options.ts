import type { CallBudget } from "./budget/callBudget";
import type { StaticCredentials } from "./config/credentials";
import type { RetryEvent } from "./retry";
import type { SignatureVersion } from "./request/signedRequest";

export type { RetryEvent } from "./retry";

export interface VpcClientOptions {
  /**
   * The per-account, region and action call budget; give one budget to every client of a process so they
   * queue together. @default one of this client's own (documented figures, `alicloud-vpn:rateLimits`)
   */
  budget?: CallBudget;
  /** Default region for calls that do not name one. @default config `alicloud:region`, env, CLI profile */
  region?: string;
  /** Full URL, e.g. `http://127.0.0.1:PORT`. @default config/env overrides, else `https://vpc.<region>.aliyuncs.com` */
  endpoint?: string;
  /** Explicit credentials win over everything else. @default resolved per call from config, env, CLI profile */
  credentials?: StaticCredentials;
  /** Pulumi stack config as `configure()` sees it: `alicloud:accessKey`, `alicloud:region`, ... @default {} */
  config?: Record<string, string>;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Where `.aliyun/config.json` is looked up. @default os.homedir() */
  homeDir?: string;
  /** @default "ACS3" */
  signatureVersion?: SignatureVersion;
  /** Overall deadline of one logical operation, retries and waits included. @default 600000, or config `alicloud-vpn:deadlineSeconds` */
  deadlineMs?: number;
  /** Bound on one HTTP attempt. @default 30000 */
  attemptTimeoutMs?: number;
  /** Allow plain http to a non-loopback host. @default false */
  allowInsecureHttp?: boolean;
  /** Bound on attempts of one call besides the deadline. @default Infinity */
  maxAttempts?: number;
  /**
   * How long connect failures in a row (refused, DNS, TLS: the endpoint cannot be reached) are retried before
   * they are final. @default 15000
   */
  unreachableRetryMs?: number;
  /** @default () => new Date() */
  clock?: () => Date;
  /** Uniform in [0, 1), for backoff jitter. @default Math.random */
  random?: () => number;
  /** @default a setTimeout promise */
  sleep?: (ms: number) => Promise<void>;
  /** Signature nonces and ClientTokens. @default uuid v4 */
  idGenerator?: () => string;
  /**
   * The cancellation of the call being made, asked at the start of each call: once it aborts, the call's
   * request, retries and waits end with an OperationCancelledError (the provider passes the engine's Cancel,
   * sent on Ctrl-C or SIGTERM). @default none
   */
  signal?: () => AbortSignal | undefined;
  /** Called before each retry wait. @default none */
  onRetry?: (event: RetryEvent) => void;
}
