/** A pinned clock for the emulator: starts at the real time (official clients sign with it), moves only when told. */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

export function testClock(start = Date.now()): TestClock {
  let offset = 0;
  return {
    now: () => start + offset,
    advance: (ms) => void (offset += ms),
  };
}
