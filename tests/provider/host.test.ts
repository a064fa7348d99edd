/**
 * The provider through the real dynamic-provider host over gRPC, as the engine drives it: Configure with
 * the whole stack config, then Check, Diff, Create, Read, Update and Delete of resources whose `__provider`
 * is the serialized text, against the emulator.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { UNKNOWN, VPN_PBR_ROUTE_ENTRY_TOKEN, VPN_ROUTE_ENTRY_TOKEN } from "../../provider/constants";
import { DIFF_NONE, DIFF_SOME, startProviderHost, urnOf, type ProviderHost } from "./providerHost";
import { REPO, ensureBuilt, serializedProviders } from "./serialized/roundTrip";

const GW = "vpn-emu00000000000000001";
const VCO = "vco-emu00000000000000001";
const DBR_URN = urnOf(VPN_ROUTE_ENTRY_TOKEN, "r1");
const PBR_URN = urnOf(VPN_PBR_ROUTE_ENTRY_TOKEN, "p1");

let emulator: RunningEmulator;
let host: ProviderHost;
let dbrCode: string;
let pbrCode: string;
let stack: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator({ configDelayMs: 20, seed: 21 });
  stack = {
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    "alicloud:region": "cn-hangzhou",
    "alicloud-vpn:endpoint": emulator.endpoint,
    "vpnroutes:unrelated": "x",
  };
  ({ vpnRouteEntry: dbrCode, vpnPbrRouteEntry: pbrCode } = await serializedProviders());
  host = await startProviderHost(REPO);
  await host.configure(stack);
}, 120_000);
afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
});

describe("through the provider host", () => {
  it("runs a destination route's whole lifecycle", async () => {
    const news = {
      vpnGatewayId: GW,
      routeDest: "10.1.0.0/16",
      nextHop: VCO,
      weight: 100,
      publishVpc: true,
      __provider: dbrCode,
    };
    const checked = await host.check(DBR_URN, {}, news);
    expect(checked).toEqual({ inputs: news, failures: [] });

    const created = await host.create(DBR_URN, checked.inputs);
    expect(created.id).toBe(`${GW}:${VCO}:10.1.0.0/16`);
    expect(created.props).toMatchObject({ state: "published", region: "cn-hangzhou", __provider: dbrCode });
    expect(emulator.routes(GW)).toHaveLength(1);

    expect(await host.diff(DBR_URN, created.id, created.props, checked.inputs)).toEqual({
      changes: DIFF_NONE,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const changed = { ...checked.inputs, weight: 0 };
    expect(await host.diff(DBR_URN, created.id, created.props, changed)).toEqual({
      changes: DIFF_SOME,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const updated = await host.update(DBR_URN, created.id, created.props, changed);
    expect(updated).toMatchObject({ weight: 0, __provider: dbrCode });
    expect(emulator.routes(GW)[0].Weight).toBe(0);

    emulator.drift.setPublished(GW, { routeDest: "10.1.0.0/16", nextHop: VCO }, false);
    const read = await host.read(DBR_URN, created.id, updated, changed);
    expect(read.props).toMatchObject({ publishVpc: false, state: "normal", __provider: dbrCode });
    expect(read.inputs).toMatchObject({ publishVpc: false, weight: 0, __provider: dbrCode });

    await host.delete(DBR_URN, created.id, read.props);
    expect(emulator.routes(GW)).toEqual([]);
    const gone = await host.read(DBR_URN, created.id, read.props);
    expect(gone.id).toBe("");
  });

  it("writes to twelve gateways at once without Node warning of a listener leak", async () => {
    // Every request and wait of the process listens on the engine's one Cancel signal: twelve gateways
    // written at once passed Node's default of ten listeners, and the warning reached the user's `pulumi up`.
    const gateways = Array.from({ length: 12 }, (_, i) => ({
      vpnGatewayId: `vpn-many${String(i).padStart(16, "0")}`,
      regionId: "cn-hangzhou",
      vpcId: `vpc-many${String(i).padStart(16, "0")}`,
      vpnConnections: [VCO],
    }));
    const many = await startEmulator({ configDelayMs: 200, seed: 22, gateways });
    const manyHost = await startProviderHost(REPO);
    try {
      await manyHost.configure({
        ...stack,
        "alicloud:accessKey": many.credentials.accessKeyId,
        "alicloud:secretKey": many.credentials.accessKeySecret,
        "alicloud-vpn:endpoint": many.endpoint,
      });
      const created = await Promise.all(
        gateways.map((g) =>
          manyHost.create(DBR_URN, {
            vpnGatewayId: g.vpnGatewayId,
            routeDest: "10.77.0.0/24",
            nextHop: VCO,
            weight: 100,
            publishVpc: true,
            __provider: dbrCode,
          }),
        ),
      );
      expect(created.map((c) => c.props.state)).toEqual(Array(12).fill("published"));
      expect(manyHost.stderr()).not.toContain("MaxListenersExceeded");
    } finally {
      await manyHost.stop();
      await many.stop();
    }
  });

  it("runs a policy route's lifecycle, replacing delete-first when only the description changes", async () => {
    const news = {
      vpnGatewayId: GW,
      routeSource: "192.168.0.0/24",
      routeDest: "10.2.0.0/16",
      nextHop: VCO,
      weight: 100,
      publishVpc: true,
      __provider: pbrCode,
    };
    const checked = await host.check(PBR_URN, {}, news);
    expect(checked.inputs.priority).toBe(10);
    const created = await host.create(PBR_URN, checked.inputs);
    const withPriority = { ...checked.inputs, priority: 20 };
    await host.update(PBR_URN, created.id, created.props, withPriority);
    expect(emulator.pbrRoutes(GW)[0].Priority).toBe(20);
    expect(
      await host.diff(PBR_URN, created.id, created.props, { ...withPriority, description: "new" }),
    ).toEqual({
      changes: DIFF_SOME,
      replaces: ["description"],
      deleteBeforeReplace: true,
    });
    await host.delete(PBR_URN, created.id, { ...created.props, priority: 20 });
    expect(emulator.pbrRoutes(GW)).toEqual([]);
  });

  it("passes preview-time unknowns and reports bad inputs as check failures", async () => {
    const unknowns = {
      vpnGatewayId: UNKNOWN,
      routeDest: "10.3.0.0/16",
      nextHop: VCO,
      weight: UNKNOWN,
      publishVpc: UNKNOWN,
      __provider: dbrCode,
    };
    expect((await host.check(DBR_URN, {}, unknowns)).failures).toEqual([]);
    const bad = await host.check(DBR_URN, {}, { ...unknowns, routeDest: "10.3.0.1/16", weight: 50 });
    expect(bad.failures).toEqual([
      { property: "routeDest", reason: expect.stringContaining('use the network address "10.3.0.0/16"') },
      { property: "weight", reason: "weight: must be 0 (standby) or 100 (active); got 50." },
    ]);
  });

  it("a provider-code change alone is an update that calls no API", async () => {
    const news = {
      vpnGatewayId: GW,
      routeDest: "10.4.0.0/16",
      nextHop: VCO,
      weight: 100,
      publishVpc: true,
      __provider: dbrCode,
    };
    const created = await host.create(DBR_URN, news);
    const olds = { ...created.props, __provider: dbrCode.replace("exports.handler", "exports.handler ") };
    expect((await host.diff(DBR_URN, created.id, olds, news)).changes).toBe(DIFF_SOME);
    emulator.clearLog();
    const updated = await host.update(DBR_URN, created.id, olds, news);
    expect(updated).toEqual({ ...created.props, __provider: dbrCode });
    expect(emulator.counts()).toEqual({});
    await host.delete(DBR_URN, created.id, updated);
  });

  it("refuses an existing route with the ID to adopt, and cannot import by ID (no __provider)", async () => {
    const news = {
      vpnGatewayId: GW,
      routeDest: "10.5.0.0/16",
      nextHop: VCO,
      weight: 100,
      publishVpc: true,
      __provider: dbrCode,
    };
    const created = await host.create(DBR_URN, news);
    await expect(host.create(DBR_URN, news)).rejects.toThrow(
      `The route ${created.id} already exists in cn-hangzhou`,
    );
    const adopted = await host.create(DBR_URN, { ...news, adopt: true });
    expect(adopted.id).toBe(created.id);

    // What the `import` resource option does: Read with the ID, no properties and no inputs. The host cannot
    // find the provider code without `__provider` (pulumi/pulumi#3550), so adoption goes through `adopt: true`.
    // The host's words for it are its own and change between SDK versions; what holds is that our code never
    // runs: no listing is asked for.
    emulator.clearLog();
    await expect(host.read(DBR_URN, created.id, {})).rejects.toThrow();
    expect(emulator.counts()).toEqual({});
    // With the code (a refresh of state whose other properties were lost) the ID alone is enough.
    const byId = await host.read(DBR_URN, created.id, { __provider: dbrCode });
    expect(byId.inputs).toMatchObject({
      vpnGatewayId: GW,
      nextHop: VCO,
      routeDest: "10.5.0.0/16",
      weight: 100,
      publishVpc: true,
    });
    await host.delete(DBR_URN, created.id, created.props);
  });
});
