/**
 * One call of the VPC API, from (action, parameters) to the answer's JSON: the client's options, resolved at
 * call time into a region, an endpoint and credentials; then per attempt the call budget, a fresh signature,
 * the HTTP exchange and its parsing, inside the retry loop and its deadline.
 */
import { homedir } from "node:os";
import { v4 as uuidv4 } from "uuid";
import {
  budgetAccount,
  CallBudget,
  limitOf,
  parseRateLimits,
  RATE_LIMIT_PERIOD_MS,
  type BudgetWait,
  type RateLimitSettings,
} from "./budget";
import { ACCOUNT_THROTTLING_CODE, isThrottlingCode, type ErrorContext } from "./codes";
import { resolveCredentials } from "./config/credentials";
import {
  CONFIG_KEYS,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  ENV_KEYS,
  present,
  type ResolutionContext,
} from "./config/keys";
import {
  deadlineMsFromConfig,
  defaultRegionWithSource,
  resolveEndpoint,
  resolveRegion,
  type RegionWithSource,
} from "./config/settings";
import { CredentialChain } from "./credentials/sessions";
import { CredentialsNotFoundError, VpcApiError } from "./errors";
import {
  BackoffPolicy,
  classifyError,
  runWithRetries,
  wasRefused,
  type Deadline,
  type RetryEvent,
  type RetryMetadata,
} from "./retry";
import { signRequest, toWireParams, type SignatureVersion } from "./signing";
import { abortable, HttpTransport, parseResponse, throwIfCancelled, toNetworkFailure } from "./transport";
import type { StaticCredentials } from "./types";

const MS_PER_SECOND = 1000;
/** The API's answer to a session used past its Expiration. */
const EXPIRED_TOKEN = "InvalidSecurityToken.Expired";

/** Options of a {@link VpcClient}; every one has a default, so `new VpcClient()` reads the environment. */
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
  /** Environment variables read for credentials, region and endpoint. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Where `.aliyun/config.json` is looked up. @default os.homedir() */
  homeDir?: string;
  /** `ACS3` (ACS3-HMAC-SHA256, as @alicloud/openapi-client signs) or `RPC` (HMAC-SHA1, as @alicloud/pop-core). @default "ACS3" */
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
  /** The time requests are signed with and waits count from. @default () => new Date() */
  clock?: () => Date;
  /** Uniform in [0, 1), for backoff jitter. @default Math.random */
  random?: () => number;
  /** How the client waits (retries, polls, the call budget). @default a setTimeout promise */
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
  /** Called when the call budget holds a call back, before it waits. @default none */
  onBudgetWait?: (wait: BudgetWait) => void;
}

export interface InvokeResult {
  body: Record<string, unknown>;
  metadata: RetryMetadata & { requestId?: string };
}

/**
 * Runs the wait out of a throttle (x-acs-retry-after) while every attempt of a call so far was refused before
 * it was taken, so the caller can lend what the call holds (its gateway's turn) meanwhile.
 */
export type WhileThrottled = (wait: () => Promise<void>) => Promise<void>;

/**
 * Runs the wait before the retry of a write the gateway refused as busy: another writer's change is applying
 * (another stack's process on a shared gateway, or a console user), so the caller can wait for the gateway
 * itself instead of the backoff's guess, which leaves the gateway idle (or refused again) while it grows.
 */
export type WhileBusy = (wait: () => Promise<void>) => Promise<void>;

/** How one call differs from the client's defaults. */
export interface CallOverrides {
  maxAttempts?: number;
  /** @default the wait alone */
  whileThrottled?: WhileThrottled;
  /** @default the wait alone */
  whileBusy?: WhileBusy;
}

/**
 * Turns (action, parameters) into a signed, retried HTTP exchange. Credentials, region and endpoint are
 * resolved at call time; signing happens inside the retry loop, so every attempt has its own nonce,
 * timestamp and signature.
 */
export class Invoker {
  private readonly transport = new HttpTransport();
  private readonly policy: BackoffPolicy;
  /** Temporary credentials of this client, cached per source (see SessionCache). */
  private readonly chain: CredentialChain;
  /** Calls per account, region and action wait here rather than be throttled (see CallBudget). */
  private readonly budget: CallBudget;
  /**
   * Per endpoint, since when every attempt of every call to it failed to connect. A call that finds it still
   * unreachable counts its 15 s from then, not from its own first attempt: the writes queued behind a
   * gateway fail with the first instead of taking 15 s each.
   */
  private readonly unreachableSince = new Map<string, number>();
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly newId: () => string;

  constructor(private readonly options: VpcClientOptions) {
    this.policy = new BackoffPolicy({ random: options.random });
    const clock = options.clock ?? (() => new Date());
    this.now = () => clock().getTime();
    const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    // A wait ends at once when the operation it belongs to is cancelled.
    this.sleep = (ms) => abortable(sleep(ms), options.signal?.(), "wait");
    this.newId = options.idGenerator ?? (() => uuidv4());
    this.chain = new CredentialChain(this.now);
    this.budget = options.budget ?? new CallBudget({ now: this.now, sleep: this.sleep });
  }

  /** `alicloud-vpn:rateLimits`, else ALICLOUD_VPN_RATE_LIMITS, else the documented figures. */
  private rateLimits(ctx: ResolutionContext): RateLimitSettings {
    const configured = ctx.config[CONFIG_KEYS.rateLimits];
    if (present(configured)) return parseRateLimits(configured, `Pulumi config ${CONFIG_KEYS.rateLimits}`);
    const [envName] = ENV_KEYS.rateLimits;
    return parseRateLimits(ctx.env[envName], `environment variable ${envName}`);
  }

  context(): ResolutionContext {
    return {
      config: this.options.config ?? {},
      env: this.options.env ?? process.env,
      homeDir: this.options.homeDir ?? homedir(),
    };
  }

  defaultRegion(): RegionWithSource | undefined {
    return defaultRegionWithSource(this.options.region, this.context());
  }

  checkCredentialConfiguration(): void {
    try {
      resolveCredentials(this.options.credentials, this.context());
    } catch (err) {
      if (!(err instanceof CredentialsNotFoundError)) throw err;
    }
  }

  /** A fresh deadline for one logical operation. */
  deadline(budgetMs?: number): Deadline {
    const budget = budgetMs ?? this.options.deadlineMs ?? deadlineMsFromConfig(this.options.config ?? {});
    return { at: this.now() + budget, budgetMs: budget };
  }

  /** One logical call: `params` may carry RegionId; the resolved region is sent either way. */
  async invoke(
    action: string,
    params: object,
    deadline: Deadline = this.deadline(),
    overrides: CallOverrides = {},
  ): Promise<InvokeResult> {
    const signal = this.options.signal?.();
    throwIfCancelled(signal, action);
    const ctx = this.context();
    const wire = toWireParams(params);
    const isWrite = wire.ClientToken !== undefined;
    wire.RegionId = resolveRegion(action, wire.RegionId, this.options.region, ctx);
    const endpoint = resolveEndpoint(
      this.options.endpoint,
      wire.RegionId,
      ctx,
      this.options.allowInsecureHttp ?? false,
    );
    const resolved = resolveCredentials(this.options.credentials, ctx);
    const attemptTimeout = this.options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    // What tells one cause of an error from another (whose gateway, which endpoint from where).
    const context: ErrorContext = {
      endpoint: endpoint.origin,
      endpointSource: endpoint.source,
      endpointFix: endpoint.fix,
      vpnGatewayId: typeof wire.VpnGatewayId === "string" ? wire.VpnGatewayId : undefined,
      regionId: wire.RegionId,
      credentialSource: resolved.source,
    };
    const perPeriod = limitOf(action, this.rateLimits(ctx));
    const budgetKey = `${budgetAccount(resolved.spec, resolved.source)}\n${wire.RegionId}\n${action}`;

    /** Every failed attempt so far was refused before it was taken: nothing of this call has reached the gateway. */
    let refusedSoFar = true;
    const { value, metadata } = await runWithRetries(
      async (_attempt, remainingMs) => {
        // Per attempt: a long retry sequence may outlive a session; the chain refreshes it in time.
        const credentials = await this.chain.credentials(resolved.spec, resolved.source);
        // Every attempt spends the budget, retries included: the API counts them all.
        if (perPeriod !== undefined) {
          await this.budget.take(budgetKey, perPeriod, RATE_LIMIT_PERIOD_MS, (waitMs, afterThrottle) =>
            this.options.onBudgetWait?.({
              action,
              regionId: wire.RegionId,
              perMinute: perPeriod,
              waitMs,
              afterThrottle,
            }),
          );
        }
        const request = signRequest(this.options.signatureVersion ?? "ACS3", {
          action,
          params: wire,
          endpoint,
          credentials,
          now: new Date(this.now()),
          nonce: this.newId(),
        });
        let response;
        try {
          // A write's request in flight is not cut off by a cancellation: its answer tells whether it was taken.
          response = await this.transport.send(
            request,
            Math.min(attemptTimeout, remainingMs),
            isWrite ? undefined : signal,
          );
          this.unreachableSince.delete(endpoint.origin);
        } catch (err) {
          if (perPeriod !== undefined) this.budget.unanswered(budgetKey);
          throwIfCancelled(signal, action);
          const failure = toNetworkFailure(err);
          if (!failure) throw err;
          const kind = classifyError({ code: failure.code });
          if (kind === "unreachable" && !this.unreachableSince.has(endpoint.origin)) {
            this.unreachableSince.set(endpoint.origin, this.now());
          }
          throw new VpcApiError({
            action,
            code: failure.code,
            apiMessage: `${failure.message} (endpoint ${endpoint.origin})`,
            kind,
            context,
            // A sanitised cause: axios errors carry the request config, STS token header included.
            cause: Object.assign(new Error(failure.message), { code: failure.code }),
          });
        }
        let throttled = false;
        try {
          return parseResponse(action, response, context);
        } catch (err) {
          if (err instanceof VpcApiError && err.code === EXPIRED_TOKEN) this.chain.invalidate(resolved.spec);
          throttled = err instanceof VpcApiError && isThrottlingCode(err.code);
          // Writes only adapt their pace: a look at a gateway cut to a twentieth of its limit while four
          // processes share one gateway still had it when its process was alone (a write every 2 s). And only
          // to the account's limit: the service's own throttles came at random, 12% of the calls in the
          // emulator's fault run, and cut every action's pace to 5% (a 16-route run took over 60 s, not 12).
          const retryAfterMs = (err as VpcApiError).retryAfterMs ?? MS_PER_SECOND;
          const adapt = isWrite && (err as VpcApiError).code === ACCOUNT_THROTTLING_CODE;
          if (throttled) this.budget.throttled(budgetKey, retryAfterMs, adapt);
          throw err;
        } finally {
          // Any other answer passed the account's limit: counted toward this process's share (see CallBudget).
          if (!throttled && perPeriod !== undefined) this.budget.taken(budgetKey);
        }
      },
      {
        action,
        deadline,
        policy: this.policy,
        now: this.now,
        sleep: (ms, after) => {
          const wait = () => abortable(this.sleep(ms), signal, action);
          refusedSoFar &&= wasRefused(after);
          if (after.kind === "busy" && overrides.whileBusy) return overrides.whileBusy(wait);
          const lend = refusedSoFar && isThrottlingCode(after.code) ? overrides.whileThrottled : undefined;
          return lend ? lend(wait) : wait();
        },
        maxAttempts: overrides.maxAttempts ?? this.options.maxAttempts,
        unreachableRetryMs: this.options.unreachableRetryMs,
        unreachableSince: () => this.unreachableSince.get(endpoint.origin),
        onRetry: this.options.onRetry,
      },
    );
    const requestId = typeof value.RequestId === "string" ? value.RequestId : undefined;
    return { body: value, metadata: { ...metadata, requestId } };
  }

  destroy(): void {
    this.transport.destroy();
  }
}
