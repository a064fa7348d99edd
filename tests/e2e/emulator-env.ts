import type { RunningEmulator } from "../../emulator";

/** The environment that points a Pulumi program's provider at the emulator, the way users set credentials. */
export function emulatorEnv(emulator: RunningEmulator, region?: string): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
    ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint,
    ...(region ? { ALIBABA_CLOUD_REGION: region } : {}),
  };
}
