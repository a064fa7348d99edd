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
  /** The configured calls per period (the documented figure), from which share scales the two below. */
  perPeriod: number;
  periodMs: number;
  /**
   * The part of the account's limit this process allows itself, in (0, 1]: other processes of the account
   * spend the same limit, and only the API's throttle answers tell of them (see ADAPTIVE_PACE).
   */
  share: number;
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
  /** Calls of this key the API took (answered other than throttled), for the first cut's measure. */
  admitted: number;
  /** This process's first call of the key. */
  createdAt: number;
  /** The last cut of the share: to what, and when (none yet: undefined). */
  cut?: { share: number; at: number };
  /** Throttle answers so far: a call queued before one queues again (see take). */
  throttles: number;
  /** Until when the API asked this process to send nothing (the last throttle's x-acs-retry-after). */
  retryAfterUntil: number;
}

/**
 * Kept below the API's own bucket: the two start full at slightly different moments and count at send and
 * at arrival, so a budget equal to the API's could meet a throttle at the edge.
 */
export function headroom(perPeriod: number): number {
  return Math.max(1, Math.ceil(perPeriod * 0.02));
}

/** The burst a process allows itself while it has the whole limit: the API's bucket less headroom. */
function fullCapacity(perPeriod: number): number {
  return Math.max(1, perPeriod - headroom(perPeriod));
}

/**
 * How a process finds its part of an account's limit that other processes (other stacks' providers, other
 * tools) spend too, from the API's throttle answers alone (issue 27). The first throttle measures it: the
 * API's bucket was full at this process's first call and is empty now, so this process's part of the calls
 * it admitted meanwhile is its share; the pace drops to `measuredMargin` of that. Each later throttle cuts
 * the pace to `decrease` of what it was (AIMD, as TCP shares a link: the larger share gives up more, so
 * shares even out), at most once per `minCutIntervalMs` (the answers to calls sent before a cut do not cut
 * again). Between throttles the pace grows back by `growthPerSecond` of the limit each second, up to the
 * whole of it: slow, so that N processes near the limit together meet a throttle about once a minute, not
 * once a second; a pace that grew faster the longer no throttle came (to catch up sooner once the others
 * are done) made the processes probe together and doubled the throttles. Never below `minShare`. Tuned on
 * tests/api/sharedAccountBudget.test.ts's simulation (4 processes of 100 creates at 60 a minute over 4
 * gateways each: 9 throttles, 1.08x the account's bound; other spreads 1.05x to 1.23x; 2 of 200: 2, 1.04x;
 * 8 of 50: 27, 1.27x), and measured with `npm run bench -- --shared-account`. Most of what is lost is the
 * end: the last process left keeps the pace it had while sharing. The cost for one process alone that met
 * a throttle (the API's bucket spent by a run just before it): 80% of the pace, taken back over 11 minutes.
 */
export const ADAPTIVE_PACE = {
  measuredMargin: 0.9,
  minMeasuredCalls: 10,
  decrease: 0.8,
  minCutIntervalMs: 5_000,
  growthPerSecond: 0.0003,
  minShare: 0.05,
} as const;
const MS_PER_SECOND = 1000;

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
    let waited = 0;
    for (;;) {
      const bucket = this.bucket(key, perPeriod, periodMs);
      bucket.tokens -= 1;
      if (bucket.tokens >= 0) return waited;
      const waitMs = Math.ceil(-bucket.tokens / bucket.refill);
      const keepsDebt = bucket.at < bucket.throttleDebtUntil;
      // A call queued while the debt lasts holds back the calls behind it too: theirs are the throttle's waits.
      if (keepsDebt) bucket.throttleDebtUntil = Math.max(bucket.throttleDebtUntil, bucket.at + waitMs);
      // So is a wait at a pace the throttles cut (share < 1): they were told, not this wait.
      const afterThrottle = keepsDebt || bucket.share < 1;
      const throttles = bucket.throttles;
      beforeWait?.(waitMs, afterThrottle);
      await this.clock.sleep(waitMs);
      waited += waitMs;
      // A throttle answered meanwhile whose debt still lasts: this call's time was given before it, so it
      // queues again behind the debt rather than go now and be throttled too.
      const now = this.buckets.get(key);
      if (now && now.throttles !== throttles && this.clock.now() < now.retryAfterUntil) continue;
      return waited;
    }
  }

  /**
   * The API throttled a call of this key anyway (another process of the account, a lower limit than
   * documented): nothing more goes out for it until `retryAfterMs` has passed and the queue has drained, and
   * the key's pace is cut (ADAPTIVE_PACE, unless `adapt` is false), once per throttle: an answer that comes
   * while the last one's debt lasts is to a call sent before the cut.
   */
  throttled(key: string, retryAfterMs: number, adapt = true): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    this.refillNow(bucket);
    const sinceCut = bucket.cut ? bucket.at - bucket.cut.at : Infinity;
    const due = bucket.at >= bucket.retryAfterUntil && sinceCut >= ADAPTIVE_PACE.minCutIntervalMs;
    if (adapt && due) this.cut(bucket);
    // The debt comes before the calls queued so far; those whose time falls within it queue again (see take).
    // Answers to a burst of calls each say the same retry-after: they extend one debt, not add one each.
    const debtMs = bucket.at + retryAfterMs - Math.max(bucket.at, bucket.retryAfterUntil);
    bucket.tokens = Math.min(bucket.tokens, 0) - Math.max(0, debtMs) * bucket.refill;
    bucket.throttles++;
    bucket.retryAfterUntil = Math.max(bucket.retryAfterUntil, bucket.at + retryAfterMs);
    bucket.throttleDebtUntil = bucket.at + Math.ceil(-bucket.tokens / bucket.refill);
  }

  /** The API took a call of this key (any answer but a throttle): counted for the first cut's measure. */
  taken(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.admitted++;
  }

  /**
   * The first throttle measures this process's share: the API's bucket was full (as far as this process
   * knows) at its first call and is empty now, so it admitted its limit plus the refill since, from every
   * process of the account; this process's part of those calls is its share. Later ones cut multiplicatively.
   */
  private cut(bucket: Bucket): void {
    let share = bucket.share * ADAPTIVE_PACE.decrease;
    // Too few calls to measure by: the API's bucket was most likely spent before this process began (a run
    // that just ended), which a measure would take for other processes' calls, down to nothing.
    if (!bucket.cut && bucket.admitted >= ADAPTIVE_PACE.minMeasuredCalls) {
      const allowed = bucket.perPeriod * (1 + (bucket.at - bucket.createdAt) / bucket.periodMs);
      share = Math.min(bucket.share, bucket.admitted / allowed) * ADAPTIVE_PACE.measuredMargin;
    }
    bucket.cut = { share: Math.max(ADAPTIVE_PACE.minShare, share), at: bucket.at };
    this.setShare(bucket, bucket.cut.share);
  }

  /** The part of the key's documented limit this process allows itself now (1 before any throttle). */
  shareOf(key: string): number {
    return this.buckets.get(key)?.share ?? 1;
  }

  private bucket(key: string, perPeriod: number, periodMs: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.perPeriod !== perPeriod || bucket.periodMs !== periodMs) {
      const at = this.clock.now();
      const capacity = fullCapacity(perPeriod);
      bucket = {
        perPeriod,
        periodMs,
        share: 1,
        capacity,
        refill: perPeriod / periodMs,
        tokens: capacity,
        at,
        throttleDebtUntil: at,
        throttles: 0,
        retryAfterUntil: at,
        admitted: 0,
        createdAt: at,
      };
      this.buckets.set(key, bucket);
    }
    this.refillNow(bucket);
    return bucket;
  }

  /** The pace and the burst follow the share; tokens already there stay, up to the new burst. */
  private setShare(bucket: Bucket, share: number): void {
    bucket.share = share;
    bucket.refill = (bucket.perPeriod * share) / bucket.periodMs;
    bucket.capacity = Math.max(1, fullCapacity(bucket.perPeriod) * share);
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens);
  }

  private refillNow(bucket: Bucket): void {
    const now = this.clock.now();
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + Math.max(0, now - bucket.at) * bucket.refill);
    bucket.at = now;
    if (bucket.cut && bucket.share < 1) {
      const calmSeconds = (now - bucket.cut.at) / MS_PER_SECOND;
      this.setShare(bucket, Math.min(1, bucket.cut.share + ADAPTIVE_PACE.growthPerSecond * calmSeconds));
    }
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
