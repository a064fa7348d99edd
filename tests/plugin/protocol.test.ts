/**
 * The provider plugin at the protocol level, as the engine speaks to it (tests/plugin/pluginProcess.ts): the
 * answers @pulumi/pulumi/provider's server gives on its own (plugin info, schema) and the two it would drop
 * without plugin/serverHooks.ts: Configure's variables reaching the runtime (the credentials and endpoint exist
 * only there in this test), and a detailed diff. Fails, naming the hooks, when an SDK moves what they wrap.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { REPO_ROOT } from "../e2e/pulumi-cli";
import schema from "../../plugin/schema.json";
import { UNKNOWN } from "../../provider/constants";
import { emptyRequest, proto, startPlugin, toStruct, type PluginProcess } from "./pluginProcess";

const REGION = "cn-hangzhou";
const GW = "vpn-pluginprotocol00001";
const VCO = "vco-pluginprotocol00001";
const URN = "urn:pulumi:test::protocol::alicloud-vpn:index:VpnRouteEntry::to-dc";
const INPUTS = { vpnGatewayId: GW, routeDest: "10.80.0.0/16", nextHop: VCO, weight: 100, publishVpc: true };
const ID = `${GW}:${VCO}:10.80.0.0/16`;

type Msg = Record<string, (...args: unknown[]) => never>;
type DiffKinds = Record<string, number>;

describe("the provider plugin's protocol (pulumi-resource-alicloud-vpn)", () => {
  let emulator: RunningEmulator;
  let plugin: PluginProcess;
  let outs: Record<string, unknown>;

  beforeAll(async () => {
    emulator = await startEmulator({ configDelayMs: 20, gateways: [{ vpnGatewayId: GW, regionId: REGION }] });
    // No credentials, region or endpoint in the environment: only Configure gives them.
    plugin = await startPlugin();
  });
  afterAll(async () => {
    await plugin?.stop();
    await emulator?.stop();
  });

  const request = (Type: new () => Msg, fields: Record<string, unknown>) => {
    const message = new Type();
    for (const [setter, value] of Object.entries(fields)) message[setter](value);
    return message;
  };
  const detailed = (response: Msg): DiffKinds => {
    const kinds: DiffKinds = {};
    (response.getDetaileddiffMap() as { forEach(f: (v: Msg, k: string) => void): void }).forEach(
      (diff, key) => (kinds[key] = diff.getKind() as number),
    );
    return kinds;
  };
  const KIND = proto.PropertyDiff.Kind as Record<string, number>;

  it("GetPluginInfo and GetSchema: the package's version and schema.json", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const info = await plugin.call<Msg>("getPluginInfo", emptyRequest());
    expect(info.getVersion()).toBe(version);
    const served = await plugin.call<Msg>("getSchema", request(proto.GetSchemaRequest, { setVersion: 0 }));
    expect(JSON.parse(served.getSchema())).toEqual({ ...schema, version });
  });

  it("Configure refuses a name it does not take (a typo in the stack's config), naming it and the names it takes", async () => {
    const configure = new proto.ConfigureRequest();
    configure.getVariablesMap().set("alicloud-vpn:config:regoin", REGION);
    configure.getVariablesMap().set("alicloud-vpn:config:version", "0.1.0"); // the engine's own input: taken
    await expect(plugin.call("configure", configure)).rejects.toThrow(
      /unknown provider configuration "regoin"\. The provider takes .*\bregion\b.*Rename or remove "regoin"/,
    );
  });

  it("Configure's variables reach the runtime: a route created with the key, region and endpoint given only there", async () => {
    const configure = new proto.ConfigureRequest();
    const variables = configure.getVariablesMap();
    variables.set("alicloud-vpn:config:endpoint", emulator.endpoint);
    variables.set("alicloud-vpn:config:region", REGION);
    variables.set("alicloud-vpn:config:accessKey", emulator.credentials.accessKeyId);
    variables.set("alicloud-vpn:config:secretKey", emulator.credentials.accessKeySecret);
    configure.setAcceptsecrets(true);
    await plugin.call("configure", configure);

    const checked = await plugin.call<Msg>(
      "check",
      request(proto.CheckRequest, { setUrn: URN, setOlds: toStruct({}), setNews: toStruct(INPUTS) }),
    );
    expect(checked.getFailuresList()).toEqual([]);
    const created = await plugin.call<Msg>(
      "create",
      request(proto.CreateRequest, { setUrn: URN, setProperties: checked.getInputs() }),
    );
    expect(created.getId()).toBe(ID);
    outs = (created.getProperties() as Msg).toJavaScript() as Record<string, unknown>;
    expect(outs).toMatchObject({ ...INPUTS, region: REGION, state: "published" });
    expect(emulator.routes(GW).map((r) => [r.RouteDest, r.Weight])).toEqual([["10.80.0.0/16", 100]]);
    const write = emulator.requestLog().find((e) => e.action === "CreateVpnRouteEntry");
    expect(write?.accessKeyId).toBe(emulator.credentials.accessKeyId);
    expect(plugin.stderr()).not.toContain(emulator.credentials.accessKeySecret);
  });

  it("Diff: each changed property, updated in place or replacing the route", async () => {
    const diff = (news: Record<string, unknown>) =>
      plugin.call<Msg>(
        "diff",
        request(proto.DiffRequest, {
          setId: ID,
          setUrn: URN,
          setOlds: toStruct(outs),
          setNews: toStruct(news),
        }),
      );
    const failover = await diff({ ...INPUTS, weight: 0, publishVpc: false });
    expect(failover.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(failover.getReplacesList()).toEqual([]);
    expect(failover.getHasdetaileddiff()).toBe(true);
    expect(detailed(failover)).toEqual({ weight: KIND.UPDATE, publishVpc: KIND.UPDATE });

    const moved = await diff({ ...INPUTS, routeDest: "10.81.0.0/16", description: "moved" });
    expect(moved.getReplacesList()).toEqual(["routeDest", "description"]);
    expect(moved.getDeletebeforereplace()).toBe(false);
    expect(detailed(moved)).toEqual({ routeDest: KIND.UPDATE_REPLACE, description: KIND.ADD_REPLACE });

    const same = await diff(INPUTS);
    expect(same.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_NONE);
    expect(detailed(same)).toEqual({});
  });

  it("VpnGatewayRouteTable: Check makes the route specs the maps by key; Diff lists the changed routes alone", async () => {
    const tableUrn = "urn:pulumi:test::protocol::alicloud-vpn:index:VpnGatewayRouteTable::hub";
    const B = "vco-pluginprotocol00002";
    const check = async (news: Record<string, unknown>) => {
      const checked = await plugin.call<Msg>(
        "check",
        request(proto.CheckRequest, { setUrn: tableUrn, setOlds: toStruct({}), setNews: toStruct(news) }),
      );
      const failures = (checked.getFailuresList() as Msg[]).map((f) => f.getReason() as string);
      return { inputs: (checked.getInputs() as Msg).toJavaScript() as Record<string, unknown>, failures };
    };
    const specs = {
      vpnGatewayId: GW,
      defaults: { nextHop: VCO },
      routes: [{ routeDest: "10.90.0.0/16" }, { routeDest: "10.90.0.0/16", nextHop: B, weight: 0 }],
      policyRoutes: [{ routeSource: "192.168.9.0/24", routeDest: "10.91.0.0/16" }],
    };
    const active = await check(specs);
    expect(active.failures).toEqual([]);
    expect(active.inputs).toEqual({
      vpnGatewayId: GW,
      routes: {
        [`10.90.0.0/16@${VCO}`]: { routeDest: "10.90.0.0/16", nextHop: VCO, weight: 100, publishVpc: true },
        [`10.90.0.0/16@${B}`]: { routeDest: "10.90.0.0/16", nextHop: B, weight: 0, publishVpc: true },
      },
      policyRoutes: {
        [`192.168.9.0/24>10.91.0.0/16@${VCO}`]: {
          routeSource: "192.168.9.0/24",
          routeDest: "10.91.0.0/16",
          nextHop: VCO,
          weight: 100,
          publishVpc: true,
          priority: 10,
        },
      },
    });
    // The table's rules, as the TypeScript class refuses them: two active routes for one destination.
    const twoActive = await check({
      ...specs,
      routes: [specs.routes[0], { ...specs.routes[1], weight: 100 }],
    });
    expect(twoActive.failures).toHaveLength(1);
    expect(twoActive.failures[0]).toContain("10.90.0.0/16");

    // A next hop from another resource, not known in a preview: the routes' keys are not known either.
    const unknownHop = await check({ ...specs, routes: [{ routeDest: "10.90.0.0/16", nextHop: UNKNOWN }] });
    expect(unknownHop.failures).toEqual([]);
    expect(unknownHop.inputs).toMatchObject({ vpnGatewayId: GW, routes: UNKNOWN, policyRoutes: UNKNOWN });

    const failedOver = await check({
      ...specs,
      routes: [
        { ...specs.routes[0], weight: 0 },
        { ...specs.routes[1], weight: 100 },
      ],
    });
    const diff = (olds: Record<string, unknown>, news: Record<string, unknown>) =>
      plugin.call<Msg>(
        "diff",
        request(proto.DiffRequest, {
          setId: GW,
          setUrn: tableUrn,
          setOlds: toStruct(olds),
          setNews: toStruct(news),
        }),
      );
    const outs = { ...active.inputs, region: REGION, statuses: {} };
    const failover = await diff(outs, failedOver.inputs);
    expect(failover.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(detailed(failover)).toEqual({
      [`routes["10.90.0.0/16@${VCO}"].weight`]: KIND.UPDATE,
      [`routes["10.90.0.0/16@${B}"].weight`]: KIND.UPDATE,
    });
    const moved = await diff(outs, { ...active.inputs, vpnGatewayId: "vpn-pluginprotocol00002" });
    expect(moved.getReplacesList()).toEqual(["vpnGatewayId"]);
    expect(detailed(moved)).toEqual({ vpnGatewayId: KIND.UPDATE_REPLACE });
    expect(detailed(await diff(outs, active.inputs))).toEqual({});
  });

  it("Read with only the ID, as `pulumi import` asks: the route and the inputs that declare it", async () => {
    const read = await plugin.call<Msg>(
      "read",
      request(proto.ReadRequest, { setId: ID, setUrn: URN, setProperties: toStruct({}) }),
    );
    expect(read.getId()).toBe(ID);
    expect((read.getInputs() as Msg).toJavaScript()).toEqual({ ...INPUTS, region: REGION });
  });

  it("Delete, then Read: the route is gone (an empty ID)", async () => {
    await plugin.call(
      "delete",
      request(proto.DeleteRequest, { setId: ID, setUrn: URN, setProperties: toStruct(outs) }),
    );
    expect(emulator.routes(GW)).toEqual([]);
    const read = await plugin.call<Msg>(
      "read",
      request(proto.ReadRequest, { setId: ID, setUrn: URN, setProperties: toStruct(outs) }),
    );
    expect(read.getId()).toBe("");
  });
});
