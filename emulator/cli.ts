#!/usr/bin/env node
/** `alicloud-vpc-emulator`: serves the VPC API emulator until interrupted. */
import { parseArgs } from "node:util";
import { startEmulator } from "./emulator";
import type { EmulatorGatewayState } from "./inspect";
import type { EmulatorOptions, FaultOptions } from "./options";
import { loadSeedFile } from "./seedFile";

const USAGE = `Usage: alicloud-vpc-emulator [options]
  --port N                 port to listen on (default 0: any free port; give one to keep the endpoint)
  --host ADDR              address to listen on (default 127.0.0.1)
  --access-key-id ID       a key to accept, of the seed's first account (with --access-key-secret;
                           default: a new key at every start)
  --access-key-secret S
  --config-delay-ms N      how long a write keeps its gateway "updating" (default 200)
  --rate-limit-scale N     multiplies Alibaba's documented per-API rate limits (default 1; 0 turns them off)
  --route-quota N          entries per table of a gateway without its own routeQuota (default 100)
  --seed FILE              JSON with credentials, gateways (and their vpnConnections) and accounts (format below)
  --state FILE             load routes and gateways from FILE and save them after every change
  --throttle-pct P         percent of requests refused with Throttling (the service's flow control)
  --retry-after-seconds N  x-acs-retry-after on throttled responses (default 1)
  --server-error-pct P     percent answered with ServiceUnavailable / InternalError
  --reset-before-pct P     percent whose connection is reset before the action runs
  --lost-response-pct P    percent whose connection is reset after the action ran
  --latency-ms N           added latency per request
  --busy-pct P             percent of writes refused with a busy code (TaskConflict, ...)
  --fault-seed N           seed of the fault dice (default 1)
  --help

Without --seed it serves two gateways in cn-hangzhou. A seed file (every key optional; gateways may also stand
at the top level, and credentials there belong to account 1000000000000001):
  { "accounts": [ { "accountId": "1234567890123456",
                    "credentials": [ { "accessKeyId": "LTAIexample", "accessKeySecret": "local-only" } ],
                    "gateways": [ { "vpnGatewayId": "vpn-bp1hub0000000000001", "regionId": "cn-hangzhou",
                                    "routeQuota": 100,
                                    "vpnConnections": [ "vco-bp1hub0tunnel0000001" ] } ] } ],
    "rateLimits": { "scale": 1, "perMinute": { "CreateVpnRouteEntry": 60 } } }
A gateway's vpnConnections are the next hops its routes may use (without them: any vco- ID); a gateway's
"disasterRecoveryVSwitchId": "vsw-..." puts it in dual-tunnel mode (Modify*Weight succeeds and changes nothing);
rateLimits false turns Alibaba's per-API rate limits off.
To keep a stack's config valid across restarts, keep the endpoint and the key (--port and --access-key-id /
--access-key-secret, or credentials in the seed) and the routes (--state).`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  "config-delay-ms": { type: "string" },
  "access-key-id": { type: "string" },
  "access-key-secret": { type: "string" },
  seed: { type: "string" },
  state: { type: "string" },
  "throttle-pct": { type: "string" },
  "retry-after-seconds": { type: "string" },
  "server-error-pct": { type: "string" },
  "reset-before-pct": { type: "string" },
  "lost-response-pct": { type: "string" },
  "latency-ms": { type: "string" },
  "busy-pct": { type: "string" },
  "route-quota": { type: "string" },
  "rate-limit-scale": { type: "string" },
  "fault-seed": { type: "string" },
  help: { type: "boolean" },
} as const;

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`--${name} needs a non-negative number, got "${text}"`);
  return value;
}

/** `--rate-limit-scale`: absent leaves the seed's (or the documented) limits, 0 turns them off. */
function rateLimitsFromArgs(scale: number | undefined): Pick<EmulatorOptions, "rateLimits"> {
  if (scale === undefined) return {};
  return { rateLimits: scale === 0 ? false : { scale } };
}

/** Command-line arguments to emulator options (exported for tests). */
export function optionsFromArgs(args: string[]): EmulatorOptions | "help" {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return "help";
  const faults: FaultOptions = {
    seed: number("fault-seed", values["fault-seed"]),
    throttlePct: number("throttle-pct", values["throttle-pct"]),
    retryAfterSeconds: number("retry-after-seconds", values["retry-after-seconds"]),
    serverErrorPct: number("server-error-pct", values["server-error-pct"]),
    resetBeforeApplyPct: number("reset-before-pct", values["reset-before-pct"]),
    resetAfterApplyPct: number("lost-response-pct", values["lost-response-pct"]),
    latencyMs: number("latency-ms", values["latency-ms"]),
    busyPct: number("busy-pct", values["busy-pct"]),
  };
  const seed = values.seed ? loadSeedFile(values.seed) : {};
  const accessKeyId = values["access-key-id"];
  const accessKeySecret = values["access-key-secret"];
  if ((accessKeyId === undefined) !== (accessKeySecret === undefined)) {
    throw new Error("--access-key-id and --access-key-secret go together: give both, or neither");
  }
  if (accessKeyId !== undefined && accessKeySecret !== undefined) {
    // First, so that it is the key the emulator prints; it belongs to the seed's first account, whose keys still work.
    const accountId = seed.credentials?.[0]?.accountId;
    seed.credentials = [
      { accessKeyId, accessKeySecret, ...(accountId ? { accountId } : {}) },
      ...(seed.credentials ?? []),
    ];
  }
  return {
    port: number("port", values.port),
    host: values.host,
    configDelayMs: number("config-delay-ms", values["config-delay-ms"]),
    routeQuota: number("route-quota", values["route-quota"]),
    stateFile: values.state,
    faults: Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)),
    ...seed,
    ...rateLimitsFromArgs(number("rate-limit-scale", values["rate-limit-scale"])),
  };
}

/** What the user needs to write a stack's config: each gateway's ID, region and account. */
export function gatewayLines(gateways: EmulatorGatewayState[]): string[] {
  if (gateways.length === 0) return ["# gateways: none (give some with --seed)"];
  return [
    `# gateways (${gateways.length}):`,
    ...gateways.map(
      (g) =>
        `#   ${g.VpnGatewayId}  region ${g.RegionId}  account ${g.AccountId}  ${g.Status}, quota ${g.RouteQuota}`,
    ),
  ];
}

async function main(): Promise<void> {
  const options = optionsFromArgs(process.argv.slice(2));
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  const { accessKeyId, accessKeySecret, securityToken } = emulator.credentials;
  // The emulator's own, local-only credentials: printing them is how a user learns what to sign with.
  console.log(`alicloud-vpc-emulator listening on ${emulator.endpoint}`);
  console.log(`# for the shell that runs pulumi:`);
  console.log(`export ALIBABA_CLOUD_ENDPOINT_VPC=${emulator.endpoint}`);
  console.log(`export ALIBABA_CLOUD_ACCESS_KEY_ID=${accessKeyId}`);
  console.log(`export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${accessKeySecret}`);
  if (securityToken) console.log(`export ALIBABA_CLOUD_SECURITY_TOKEN=${securityToken}`);
  console.log(gatewayLines(emulator.gateways()).join("\n"));
  const stop = () =>
    void emulator.stop().then(() => {
      // Without a state file the routes go with the process, while Pulumi stacks may still hold them.
      console.log(
        options.stateFile
          ? `alicloud-vpc-emulator stopped; its gateways and routes are kept in ${options.stateFile}`
          : "alicloud-vpc-emulator stopped; its routes were in memory only and are gone (--state FILE keeps them)",
      );
      process.exit(0);
    });
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`alicloud-vpc-emulator: ${error.message}`);
    console.error(USAGE);
    process.exit(2);
  });
}
