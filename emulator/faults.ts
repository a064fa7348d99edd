/**
 * Fault dice, deterministic from a seed: every authenticated request draws the same five numbers in the
 * same order, so changing one probability does not shift the others' outcomes.
 */
import { DEFAULT_RETRY_AFTER_SECONDS } from "./constants";
import { BUSY_CODES } from "./errors";
import type { FaultOptions } from "./options";
import { type Random, seededRandom } from "./random";

export const DEFAULT_FAULT_SEED = 1;
const busySeed = (seed: number): number => seed + 0x9e3779b9;

/** A fault that refuses the request before the action runs (nothing applied). */
export type EarlyFault = "throttle" | "service-unavailable" | "internal-error" | "reset-before";
/** The kinds of seeded fault (FaultOptions) a request can meet. */
export type FaultKind = EarlyFault | "reset-after" | "busy";

export interface FaultDecision {
  latencyMs: number;
  early?: EarlyFault;
  /** Destroy the connection after the action ran (the response is lost). */
  resetAfter: boolean;
  retryAfterSeconds: number;
}

export class FaultInjector {
  private options: FaultOptions = {};
  private random: Random = seededRandom(DEFAULT_FAULT_SEED);
  /** Busy answers have dice of their own: adding them does not move the other faults of a seeded run. */
  private busyRandom: Random = seededRandom(busySeed(DEFAULT_FAULT_SEED));

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces the fault settings; a given seed restarts the dice. */
  set(options: FaultOptions): void {
    this.options = { ...options };
    if (options.seed !== undefined) this.reseed();
  }

  /** Restarts the dice from the configured seed. */
  reseed(): void {
    const seed = this.options.seed ?? DEFAULT_FAULT_SEED;
    this.random = seededRandom(seed);
    this.busyRandom = seededRandom(busySeed(seed));
  }

  /** For a write that passed the other faults: a busy code to answer with, or undefined. */
  decideBusy(): string | undefined {
    const pct = this.options.busyPct ?? 0;
    if (pct <= 0) return undefined;
    const busy = this.busyRandom() * 100 < pct;
    const code = BUSY_CODES[Math.floor(this.busyRandom() * BUSY_CODES.length)];
    return busy ? code : undefined;
  }

  decide(): FaultDecision {
    const o = this.options;
    const roll = (pct: number | undefined): boolean => this.random() * 100 < (pct ?? 0);
    const throttle = roll(o.throttlePct);
    const serverError = roll(o.serverErrorPct);
    const unavailable = this.random() < 0.5;
    const resetBefore = roll(o.resetBeforeApplyPct);
    const resetAfter = roll(o.resetAfterApplyPct);
    let early: EarlyFault | undefined;
    if (throttle) early = "throttle";
    else if (serverError) early = unavailable ? "service-unavailable" : "internal-error";
    else if (resetBefore) early = "reset-before";
    return {
      latencyMs: o.latencyMs ?? 0,
      early,
      resetAfter,
      retryAfterSeconds: o.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
    };
  }
}
