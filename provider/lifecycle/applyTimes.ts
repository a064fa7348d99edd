import {
  GATEWAY_FIRST_POLL_GROWTH,
  GATEWAY_FIRST_POLL_MS,
  GATEWAY_LEARNED_POLL_GROWTH,
  GATEWAY_MIN_POLL_MS,
  GATEWAY_POLL_FRACTION,
} from "../constants";

/** What one wait after a write saw of the gateway. */
export interface ApplyObservation {
  /** After the write's answer: the last look that still found the gateway busy was answered this much later. */
  lastBusyAfterMs?: number;
  /** After the write's answer: the look that found the gateway active was asked this much later. */
  activeAskedAfterMs: number;
}

/** How often to ask after a write: 200 ms before anything is learned, then a twentieth of the apply time. */
export function followUpPollMs(expectedMs: number): number {
  if (expectedMs <= 0) return GATEWAY_FIRST_POLL_MS;
  return Math.max(GATEWAY_MIN_POLL_MS, Math.round(expectedMs * GATEWAY_POLL_FRACTION));
}

/** Polls spread out quickly while nothing is known, slowly around a learned apply time. */
export function followUpPollGrowth(expectedMs: number): number {
  return expectedMs <= 0 ? GATEWAY_FIRST_POLL_GROWTH : GATEWAY_LEARNED_POLL_GROWTH;
}

/**
 * How long a write takes to apply on each gateway, learned from the writes of this process, so that the
 * wait after a write asks the gateway when it is likely done instead of on a fixed schedule (a write that
 * takes 1.2 s must not cost 2.5 s of polling, nor a 400 ms one a full second).
 */
export class ApplyTimes {
  private readonly expected = new Map<string, number>();

  constructor(
    private readonly maxMs: number,
    private readonly shrink: number,
  ) {}

  /** How long to wait after a write before the first look at the gateway. */
  expectedMs(gateway: string): number {
    return this.expected.get(gateway) ?? 0;
  }

  /**
   * The write took longer than the last busy look B and at most until the active look was asked, A.
   * A and B one fine poll apart: the next first look is at A (one look, if the gateway keeps its pace).
   * Further apart (coarse early polls, a throttled look): at B, or half of A if B was an early look, from
   * where fine polls find it. Active at the first look: it may have been done sooner, so the next wait is a
   * little shorter and follows the gateway down. Only ask times bound the estimate from above: a throttled
   * look answered seconds late says nothing of the gateway.
   */
  record(gateway: string, seen: ApplyObservation): void {
    const { lastBusyAfterMs: busy, activeAskedAfterMs: active } = seen;
    let next: number;
    if (busy === undefined) next = this.expectedMs(gateway) * this.shrink;
    else next = active - busy <= followUpPollMs(active) ? active : Math.max(busy, active / 2);
    this.expected.set(gateway, Math.min(this.maxMs, Math.round(next)));
  }
}
