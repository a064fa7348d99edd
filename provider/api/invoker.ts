import { homedir } from "node:os";
import { v4 as uuidv4 } from "uuid";
import { budgetAccount } from "./budget/account";
import { CallBudget } from "./budget/callBudget";
import { limitOf, parseRateLimits, RATE_LIMIT_PERIOD_MS, type RateLimitSettings } from "./budget/rateLimits";
import { abortable, throwIfCancelled } from "./abortable";
import { THROTTLING_CODE_PART, type ErrorContext } from "./codes";
import { DEFAULT_ATTEMPT_TIMEOUT_MS } from "./constants";
import { present, type ResolutionContext } from "./config/context";
import { resolveCredentials } from "./config/credentials";
import { CredentialChain } from "./credentials/chain";
import { resolveEndpoint } from "./config/endpoint";
import { CONFIG_KEYS, ENV_KEYS } from "./config/keys";
import { defaultRegionWithSource, resolveRegion, type RegionWithSource } from "./config/region";
import { deadlineMsFromConfig } from "./config/settings";
import { CredentialsNotFoundError, VpcApiError } from "./errors";
import type { VpcClientOptions } from "./options";
import { signRequest } from "./request/signedRequest";
import { toWireParams } from "./request/wireParams";
import { parseResponse } from "./response/parseResponse";
import { BackoffPolicy, classifyError, runWithRetries, type Deadline, type RetryMetadata } from "./retry";
import { HttpTransport } from "./transport/httpTransport";
import { toNetworkFailure } from "./transport/networkFailure";

const MS_PER_SECOND = 1000;
/** The API's answer to a session used past its Expiration. */
const EXPIRED_TOKEN = "InvalidSecurityToken.Expired";

export interface InvokeResult {
  body: Record<string, unknown>;
  metadata: RetryMetadata & { requestId?: string };
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
    overrides: { maxAttempts?: number } = {},
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

    const { value, metadata } = await runWithRetries(
      async (_attempt, remainingMs) => {
        // Per attempt: a long retry sequence may outlive a session; the chain refreshes it in time.
        const credentials = await this.chain.credentials(resolved.spec, resolved.source);
        // Every attempt spends the budget, retries included: the API counts them all.
        if (perPeriod !== undefined) await this.budget.take(budgetKey, perPeriod, RATE_LIMIT_PERIOD_MS);
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
        } catch (err) {
          throwIfCancelled(signal, action);
          const failure = toNetworkFailure(err);
          if (!failure) throw err;
          throw new VpcApiError({
            action,
            code: failure.code,
            apiMessage: `${failure.message} (endpoint ${endpoint.origin})`,
            kind: classifyError({ code: failure.code }),
            context,
            // A sanitised cause: axios errors carry the request config, STS token header included.
            cause: Object.assign(new Error(failure.message), { code: failure.code }),
          });
        }
        try {
          return parseResponse(action, response, context);
        } catch (err) {
          if (err instanceof VpcApiError && err.code === EXPIRED_TOKEN) this.chain.invalidate(resolved.spec);
          if (err instanceof VpcApiError && err.code.includes(THROTTLING_CODE_PART)) {
            this.budget.throttled(budgetKey, err.retryAfterMs ?? MS_PER_SECOND);
          }
          throw err;
        }
      },
      {
        action,
        deadline,
        policy: this.policy,
        now: this.now,
        sleep: (ms) => abortable(this.sleep(ms), signal, action),
        maxAttempts: overrides.maxAttempts ?? this.options.maxAttempts,
        unreachableRetryMs: this.options.unreachableRetryMs,
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
