/** When to look again: the first interval, how it grows after each look, and its ceiling. */
export interface PollSchedule {
  firstMs: number;
  growth: number;
  maxMs: number;
}

export interface PollOptions<T> {
  schedule: PollSchedule;
  /** Epoch ms: no wait begins that would end after it. */
  deadlineAt: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The error when the deadline leaves no room for the next look, given the last thing seen and the looks made. */
  timeout: (last: T, looks: number) => Error;
}

/**
 * Every wait of the product (a gateway becoming active, a listing showing a write) is this loop: look, stop
 * when `done` accepts what was seen, else wait a growing interval, until the deadline. Kept separate from the
 * retry loop of one call (retry.ts), whose delays come from the error and whose budget is shared.
 */
export async function pollUntil<T>(
  look: (lookNumber: number) => Promise<T>,
  done: (seen: T) => boolean,
  options: PollOptions<T>,
): Promise<T> {
  const { schedule } = options;
  let delay = schedule.firstMs;
  for (let looks = 1; ; looks++) {
    const seen = await look(looks);
    if (done(seen)) return seen;
    if (options.now() + delay > options.deadlineAt) throw options.timeout(seen, looks);
    await options.sleep(delay);
    delay = Math.min(schedule.maxMs, Math.round(delay * schedule.growth));
  }
}
