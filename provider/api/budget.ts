/**
 * The call budget: Alibaba's per-API rate limits (calls per 60 s, counted per region, per API and per parent
 * account), kept inside this process so that calls wait their turn here instead of being throttled by the
 * API. A token bucket per (account, region, action) key, the documented figures, and
 * `alicloud-vpn:rateLimits` to change them.
 */
import { roleAccountId } from "./credentials/roles";
import { ConfigurationError } from "./errors";
import type { CredentialSpec } from "./types";

// ---- the bucket ----

/** The clock of a {@link CallBudget}, injectable so tests pin time. */
export interface BudgetClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

interface Bucket {
  capacity: number;
  /** Tokens per millisecond. */
  refill: number;
  tokens: number;
  at: number;
  /**
   * When the debt a throttle left (its x-acs-retry-after) is paid off: a wait taken before then keeps the
   * API's throttle, not only this budget's own pacing.
   */
  throttleDebtUntil: number;
}

/**
 * Kept below the API's own bucket: the two start full at slightly different moments and count at send and
 * at arrival, so a budget equal to the API's could meet a throttle at the edge.
 */
export function headroom(perPeriod: number): number {
  return Math.max(1, Math.ceil(perPeriod * 0.02));
}

/**
 * One budget of API calls per key (account, region, action) inside this process, so that calls wait their
 * turn here instead of being throttled by the API. A token bucket with reservations: each call takes a
 * token at once, possibly going into debt, and sleeps until its token would have been there, so waiters
 * are served in order without waking each other. Handwritten rather than npm's `limiter`, whose waits use
 * its own setTimeout and Date.now: this client's clock and sleep are injectable (tests pin them).
 */
export class CallBudget {
  private readonly buckets = new Map<string, Bucket>();

  /** An empty budget; each key's bucket starts full at its first call. */
  constructor(private readonly clock: BudgetClock) {}

  /**
   * Waits until the key's budget allows one more call (`perPeriod` calls per `periodMs`); returns the wait.
   * `beforeWait` learns of a wait before it starts (so a long one can be told while it lasts), and whether
   * it keeps a throttle the API answered rather than this budget's own pacing.
   */
  async take(
    key: string,
    perPeriod: number,
    periodMs: number,
    beforeWait?: (waitMs: number, afterThrottle: boolean) => void,
  ): Promise<number> {
    const bucket = this.bucket(key, perPeriod, periodMs);
    bucket.tokens -= 1;
    if (bucket.tokens >= 0) return 0;
    const waitMs = Math.ceil(-bucket.tokens / bucket.refill);
    const afterThrottle = bucket.at < bucket.throttleDebtUntil;
    // A call queued while the debt lasts holds back the calls behind it too: theirs are the throttle's waits.
    if (afterThrottle) bucket.throttleDebtUntil = Math.max(bucket.throttleDebtUntil, bucket.at + waitMs);
    beforeWait?.(waitMs, afterThrottle);
    await this.clock.sleep(waitMs);
    return waitMs;
  }

  /**
   * The API throttled a call of this key anyway (another process of the account, a lower limit than
   * documented): nothing more goes out for it until `retryAfterMs` has passed and the queue has drained.
   */
  throttled(key: string, retryAfterMs: number): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    this.refillNow(bucket);
    bucket.tokens = Math.min(bucket.tokens, 0) - retryAfterMs * bucket.refill;
    bucket.throttleDebtUntil = bucket.at + Math.ceil(-bucket.tokens / bucket.refill);
  }

  private bucket(key: string, perPeriod: number, periodMs: number): Bucket {
    let bucket = this.buckets.get(key);
    const capacity = Math.max(1, perPeriod - headroom(perPeriod));
    if (!bucket || bucket.capacity !== capacity) {
      const at = this.clock.now();
      bucket = { capacity, refill: perPeriod / periodMs, tokens: capacity, at, throttleDebtUntil: at };
      this.buckets.set(key, bucket);
    }
    this.refillNow(bucket);
    return bucket;
  }

  private refillNow(bucket: Bucket): void {
    const now = this.clock.now();
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + Math.max(0, now - bucket.at) * bucket.refill);
    bucket.at = now;
  }
}

/** A call the budget holds back: which, where, under what limit, and for how long. */
export interface BudgetWait {
  /** The API action, e.g. `CreateVpnRouteEntry`. */
  action: string;
  /** The region the call goes to. */
  regionId: string;
  /** The limit the budget keeps to: calls per 60 s. */
  perMinute: number;
  /** How long the call waits, in ms. */
  waitMs: number;
  /** The wait keeps a throttle the API answered (x-acs-retry-after), not the budget's own pacing. */
  afterThrottle: boolean;
}

// ---- the limits ----

/**
 * Alibaba's per-API rate limits for the actions this client calls: calls per 60 s, counted per region, per
 * API and per parent account (VPN Gateway "API rate limits", `api-vpc-2016-04-28-quota-vpns`). The page's
 * rows for CreateVpnRouteEntry, DescribeVpnRouteEntries, DeleteVpnPbrRouteEntry and
 * ModifyVpnPbrRouteEntryPriority could not be read; they take their siblings' figures.
 */
export const RATE_LIMIT_PERIOD_MS = 60_000;

const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = {
  CreateVpnRouteEntry: 60,
  DeleteVpnRouteEntry: 60,
  DescribeVpnRouteEntries: 600,
  ModifyVpnRouteEntryWeight: 120,
  PublishVpnRouteEntry: 60,
  CreateVpnPbrRouteEntry: 60,
  DeleteVpnPbrRouteEntry: 60,
  DescribeVpnPbrRouteEntries: 600,
  ModifyVpnPbrRouteEntryWeight: 120,
  ModifyVpnPbrRouteEntryPriority: 120,
  ModifyVpnPbrRouteEntryAttribute: 120,
  DescribeVpnGateway: 600,
};

/** What `alicloud-vpn:rateLimits` (or ALICLOUD_VPN_RATE_LIMITS) may say. */
export interface RateLimitSettings {
  /** No budget at all (calls go out as fast as they are made). */
  off: boolean;
  /** Multiplies every documented figure (an account whose limits Alibaba raised). */
  scale: number;
  /** Calls per 60 s for named actions, over the documented figure. */
  perMinute: Record<string, number>;
}

const DEFAULT_RATE_LIMIT_SETTINGS: RateLimitSettings = { off: false, scale: 1, perMinute: {} };

/** `off`, or a JSON object `{ "scale": 2, "CreateVpnRouteEntry": 120 }`; absent: the documented figures. */
export function parseRateLimits(text: string | undefined, where: string): RateLimitSettings {
  if (text === undefined || text.trim() === "") return DEFAULT_RATE_LIMIT_SETTINGS;
  if (text.trim().toLowerCase() === "off") return { ...DEFAULT_RATE_LIMIT_SETTINGS, off: true };
  const expected = 'expected "off" or a JSON object such as {"scale": 2} or {"CreateVpnRouteEntry": 120}';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(where, expected);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigurationError(where, expected);
  }
  const settings: RateLimitSettings = { off: false, scale: 1, perMinute: {} };
  for (const [name, figure] of Object.entries(value)) {
    if (typeof figure !== "number" || !(figure > 0)) {
      throw new ConfigurationError(where, `"${name}" must be a positive number of calls per 60 s`);
    }
    if (name === "scale") settings.scale = figure;
    else settings.perMinute[name] = figure;
  }
  return settings;
}

/** Calls per 60 s the budget allows an action, or undefined when it is not limited. */
export function limitOf(action: string, settings: RateLimitSettings): number | undefined {
  if (settings.off) return undefined;
  const own = settings.perMinute[action];
  if (own !== undefined) return own;
  const documented = DOCUMENTED_RATE_LIMITS[action];
  return documented === undefined ? undefined : documented * settings.scale;
}

// ---- whose budget ----

/**
 * Whose budget a call spends: Alibaba counts per parent account. An assumed role names its account in its
 * ARN; a static key stands for its own account (two keys of one account in one process then have a budget
 * each: a throttle answer still slows them down). Anything else is keyed by where its credentials came from.
 */
export function budgetAccount(spec: CredentialSpec, source: string): string {
  switch (spec.kind) {
    case "static":
      return `key:${spec.credentials.accessKeyId}`;
    case "assumeRole":
      return roleAccount(spec.role.roleArn) ?? `source:${source}`;
    case "oidc":
      return roleAccount(spec.oidc.roleArn) ?? `source:${source}`;
    default:
      return `source:${source}`;
  }
}

function roleAccount(roleArn: string): string | undefined {
  const account = roleAccountId(roleArn);
  return account ? `account:${account}` : undefined;
}
