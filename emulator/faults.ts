/**
 * Fault dice, deterministic from a seed: every authenticated request draws the same five numbers in the
 * same order, so changing one probability does not shift the others' outcomes.
 */
import { DEFAULT_RETRY_AFTER_SECONDS } from "./constants";
import type { FaultOptions } from "./options";
import { type Random, seededRandom } from "./random";

export const DEFAULT_FAULT_SEED = 1;

/** Refusal before the action runs. */
export type EarlyFault = "throttle" | "service-unavailable" | "internal-error" | "reset-before";
export type FaultKind = EarlyFault | "reset-after";

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

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces the fault settings; a given seed restarts the dice. */
  set(options: FaultOptions): void {
    this.options = { ...options };
    if (options.seed !== undefined) this.random = seededRandom(options.seed);
  }

  /** Restarts the dice from the configured seed. */
  reseed(): void {
    this.random = seededRandom(this.options.seed ?? DEFAULT_FAULT_SEED);
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
