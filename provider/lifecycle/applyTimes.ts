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
   * `elapsedMs`: from the write's answer to the gateway seen active. When the first look already found it
   * active, it may have been done sooner: the next wait is a little shorter, so the estimate follows the
   * gateway down as well as up.
   */
  record(gateway: string, elapsedMs: number, activeAtFirstLook: boolean): void {
    const next = activeAtFirstLook ? elapsedMs * this.shrink : elapsedMs;
    this.expected.set(gateway, Math.min(this.maxMs, Math.round(next)));
  }
}
