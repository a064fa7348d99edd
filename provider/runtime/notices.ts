/**
 * What the provider tells the user while an operation waits on the API for a reason the user may act on: the
 * account's rate limit, a throttle, an endpoint that does not answer, a server error. A dynamic provider has
 * one way to the user: its process's stderr, which the engine shows under the stack during `pulumi up` and
 * again in the update's Diagnostics (the provider host is not connected to the engine's log,
 * pulumi/pulumi#6065). The wait that is part of every write, a gateway applying the one before, says nothing;
 * nor does a 5xx or a lost connection gone before a third attempt fails.
 * Each kind of wait speaks at most once per action in 30 s, then in 60 s, 120 s... up to every 5 minutes, so a
 * long queue (1,000 creates at 60 a minute take 17 minutes) is told a few times, not every few seconds. Lines
 * hold actions, codes, regions and endpoints: never a credential.
 */
import type { BudgetWait } from "../api/budget";
import { ACCOUNT_THROTTLING_CODE, isThrottlingCode } from "../api/codes";
import type { RetryEvent } from "../api/retry";

/** A kind of wait speaks again after this long, then after twice as long each time, up to the cap. */
export const NOTICE_INTERVAL_MS = 30_000;
export const NOTICE_INTERVAL_CAP_MS = 300_000;
/** Shorter budget waits are the bucket's ordinary pacing (a burst spread over a second). */
export const NOTICED_BUDGET_WAIT_MS = 1_000;
/** A 5xx or a lost connection that its retry clears says nothing; one still failing at this attempt does. */
export const NOTICED_TRANSIENT_ATTEMPT = 3;

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export class Notices {
  private readonly said = new Map<string, { at: number; quietMs: number }>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => number,
  ) {}

  /** The call budget holds a call back: the account's rate limit for this action is spent for now. */
  budgetWait({ action, regionId, perMinute, waitMs, afterThrottle }: BudgetWait): void {
    // Keeping a throttle's retry-after: the throttle itself was told (retry below).
    if (waitMs < NOTICED_BUDGET_WAIT_MS || afterThrottle) return;
    this.say(
      `budget ${regionId} ${action}`,
      `${action} calls in ${regionId} wait their turn under the API's rate limit (${perMinute} a minute for ` +
        `this account): this one for ${seconds(waitMs)}. If Alibaba raised the account's limits, say so in ` +
        `alicloud-vpn:rateLimits, e.g. {"scale": 2}.`,
    );
  }

  /** An attempt failed and will be retried. */
  retry({ action, attempt, delayMs, error }: RetryEvent): void {
    // A busy gateway is every write's ordinary wait (the provider orders writes; another actor is rare).
    if (error.kind === "busy") return;
    const where = error.context.regionId ? ` in ${error.context.regionId}` : "";
    const after = `retrying in ${seconds(delayMs)} (attempt ${attempt + 1})`;
    let text: string;
    if (isThrottlingCode(error.code)) {
      const why =
        error.code === ACCOUNT_THROTTLING_CODE
          ? "Another client of this account may be calling the VPC API, or the account's limit is lower than " +
            "alicloud-vpn:rateLimits says."
          : "The service's own flow control, not this account's limit: nothing to change here.";
      text = `The API throttled ${action}${where} (${error.code}): ${after}. ${why}`;
    } else if (error.kind === "unreachable") {
      text = `${action}: cannot reach ${error.context.endpoint ?? "the VPC endpoint"} (${error.code}): ${after}.`;
    } else {
      if (attempt < NOTICED_TRANSIENT_ATTEMPT) return;
      const status = error.httpStatus ? `, HTTP ${error.httpStatus}` : "";
      text = `${action}${where} failed (${error.code}${status}): ${after}.`;
    }
    this.say(`retry ${action} ${error.code}`, text);
  }

  /** Forgets what was said (a new endpoint: its waits are news). */
  clear(): void {
    this.said.clear();
  }

  private say(topic: string, text: string): void {
    const now = this.now();
    const last = this.said.get(topic);
    if (last && now - last.at < last.quietMs) return;
    const quietMs = last ? Math.min(2 * last.quietMs, NOTICE_INTERVAL_CAP_MS) : NOTICE_INTERVAL_MS;
    this.said.set(topic, { at: now, quietMs });
    this.write(`alicloud-vpn: ${text}`);
  }
}
