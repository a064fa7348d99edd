/**
 * A clock for the call budget's tests that moves only when every sleeper is asleep, to the earliest wake-up:
 * no real time passes.
 */
export class VirtualTime {
  now = 0;
  private timers: { at: number; wake: () => void }[] = [];
  readonly clock = {
    now: () => this.now,
    sleep: (ms: number) => new Promise<void>((wake) => this.timers.push({ at: this.now + ms, wake })),
  };

  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    void work.finally(() => (done = true)).catch(() => undefined);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return work;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) throw new Error("deadlock: nothing asleep and the work not done");
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
  }
}
