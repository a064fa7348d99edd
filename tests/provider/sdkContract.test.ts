/**
 * What this package relies on in the installed @pulumi/pulumi beyond its documented interface, each checked through
 * the SDK's real code so that a new SDK that moves it fails here, with a message that says what moved and where our
 * side of it lives. Checked against @pulumi/pulumi 3.248.0 (the oldest corner) and 3.276.0 (the newest).
 *
 * - The engine's Cancel reaches the provider through the dynamic provider host's gRPC server
 *   (provider/runtime/engineCancel.ts): below, through the real host process.
 * - The serialized provider: the host turns a resource's `__provider` text back into the provider with
 *   `requireFromString(text).handler()` (provider/serialized/providerText.ts): host.test.ts runs every lifecycle
 *   operation that way, and pack.test.ts from an `npm pack` install, where the text requires the package by name.
 * - The source position: Resource.callsites() reads `new Error().stack` with Error.stackTraceLimit raised while a
 *   resource is constructed (provider/sourcePosition.ts): promiseStacks.test.ts counts the stacks formatted.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { VPN_ROUTE_ENTRY_TOKEN } from "../../provider/constants";
import { startProviderHost, urnOf, type ProviderHost } from "./providerHost";
import { REPO, ensureBuilt, serializedProviders } from "./serialized/roundTrip";

const SDK_VERSION: string = require("@pulumi/pulumi/package.json").version;
const GW = "vpn-emu00000000000000001";
const VCO = "vco-emu00000000000000001";
/** The gateway stays busy after a write far longer than the test: only a Cancel ends the create's wait. */
const CONFIG_DELAY_MS = 10 * 60_000;
/** What "at once" means for an operation told to stop. */
const PROMPTLY_MS = 5_000;

let emulator: RunningEmulator;
let host: ProviderHost;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator({ configDelayMs: CONFIG_DELAY_MS, seed: 41 });
  host = await startProviderHost(REPO);
  await host.configure({
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    "alicloud:region": "cn-hangzhou",
    "alicloud-vpn:endpoint": emulator.endpoint,
  });
}, 120_000);
afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
});

describe(`@pulumi/pulumi ${SDK_VERSION}: what the package relies on beyond the SDK's interface`, () => {
  it("the engine's Cancel ends a create that waits for a busy gateway, at once", async () => {
    const { vpnRouteEntry } = await serializedProviders();
    const create = host.create(urnOf(VPN_ROUTE_ENTRY_TOKEN, "waits"), {
      vpnGatewayId: GW,
      routeDest: "10.61.0.0/16",
      nextHop: VCO,
      weight: 100,
      publishVpc: true,
      __provider: vpnRouteEntry,
    });
    const outcome = create.then(
      () => "created",
      (err: Error) => err.message,
    );
    // The write went out and the provider now waits for the gateway, which stays busy.
    while (!emulator.counts().CreateVpnRouteEntry) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    await host.cancel();
    const ended = await Promise.race([
      outcome,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), PROMPTLY_MS)),
    ]);
    if (ended === undefined) {
      throw new Error(
        `Cancel did not reach the provider within ${PROMPTLY_MS / 1000} s with @pulumi/pulumi ${SDK_VERSION}: its ` +
          `dynamic provider host no longer serves calls through @grpc/grpc-js Server.prototype._retrieveHandler ` +
          `as 3.248.0 to 3.276.0 do. See provider/runtime/engineCancel.ts: look for a cancel hook the new SDK ` +
          `offers dynamic providers and use it, or follow the host's new gRPC server.`,
      );
    }
    // The create was taken by the gateway: it is recorded ("failed to initialise") so the next `up` finishes it.
    expect(ended).toMatch(/cancel/i);
  }, 60_000);
});
