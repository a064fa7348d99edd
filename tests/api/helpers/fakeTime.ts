/** A pinned clock that moves only when the client sleeps; every sleep is recorded. */
export function fakeTime(startMs = Date.UTC(2024, 0, 15, 8, 30, 0)) {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    clock: () => new Date(now),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
    elapsed: () => now - startMs,
  };
}

/** A counter-based id generator, so nonces and tokens are predictable yet distinct. */
export function sequentialIds(prefix = "id") {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
