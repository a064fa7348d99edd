import type { EmulatorLogEntry, RunningEmulator } from "../../emulator";

/** The environment that points a Pulumi program's provider at the emulator, the way users set credentials. */
export function emulatorEnv(emulator: RunningEmulator, region?: string): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
    ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint,
    ...(region ? { ALIBABA_CLOUD_REGION: region } : {}),
  };
}

/**
 * The emulator's log with each write once: a write retried after a lost answer repeats its ClientToken (and the
 * emulator applies it once), so the engine suites count what was asked for, not how many attempts it took.
 */
export function oncePerWrite(entries: EmulatorLogEntry[]): EmulatorLogEntry[] {
  const tokens = new Set<string>();
  return entries.filter((e) => {
    const token = e.params.ClientToken;
    if (token === undefined) return true;
    if (tokens.has(token)) return false;
    tokens.add(token);
    return true;
  });
}

/**
 * Waits until `what()` holds, at most `withinMs`, then asserts it: a condition that never comes fails the test
 * there, instead of hanging until jest's timeout.
 */
export async function until(what: () => boolean, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!what() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(what()).toBe(true);
}
