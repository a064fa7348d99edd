import { UNKNOWN } from "../../provider/constants";
import { diffRoute } from "../../provider/lifecycle/diff";

const OLD_DBR = {
  vpnGatewayId: "vpn-a1",
  routeDest: "10.0.0.0/24",
  nextHop: "vco-b2",
  weight: 100,
  publishVpc: true,
  region: "cn-hangzhou",
  state: "published",
  createTime: 1700000000000,
  __provider: "v1",
};
const NEW_DBR = {
  vpnGatewayId: "vpn-a1",
  routeDest: "10.0.0.0/24",
  nextHop: "vco-b2",
  weight: 100,
  publishVpc: true,
  __provider: "v1",
};
const OLD_PBR = { ...OLD_DBR, routeSource: "192.168.0.0/16", priority: 10 };
const NEW_PBR = { ...NEW_DBR, routeSource: "192.168.0.0/16", priority: 10 };

const none = { changes: false, replaces: [], deleteBeforeReplace: false };
const update = { changes: true, replaces: [], deleteBeforeReplace: false };

describe("diff", () => {
  it("reports no change, explicitly, when nothing changed (region resolved from config stays put)", () => {
    expect(diffRoute("dbr", OLD_DBR, NEW_DBR)).toEqual(none);
    expect(diffRoute("pbr", OLD_PBR, NEW_PBR)).toEqual(none);
  });

  it.each([
    ["dbr", { weight: 0 }],
    ["dbr", { publishVpc: false }],
    ["pbr", { priority: 20 }],
    ["pbr", { weight: 0, publishVpc: false, priority: 1 }],
  ] as const)("%s %j is an in-place update", (kind, change) => {
    const [olds, news] = kind === "dbr" ? [OLD_DBR, NEW_DBR] : [OLD_PBR, NEW_PBR];
    expect(diffRoute(kind, olds, { ...news, ...change })).toEqual(update);
  });

  it("treats a provider-code change alone as an update", () => {
    expect(diffRoute("dbr", OLD_DBR, { ...NEW_DBR, __provider: "v2" })).toEqual(update);
  });

  it("ignores adopt (it only matters at create)", () => {
    expect(diffRoute("dbr", OLD_DBR, { ...NEW_DBR, adopt: true })).toEqual(none);
  });

  it.each([
    ["vpnGatewayId", "vpn-other"],
    ["routeDest", "10.0.1.0/24"],
    ["nextHop", "vco-other"],
  ])("replaces, create-before-delete, when %s changes (no collision)", (key, value) => {
    expect(diffRoute("dbr", OLD_DBR, { ...NEW_DBR, [key]: value })).toEqual({
      changes: true,
      replaces: [key],
      deleteBeforeReplace: false,
    });
  });

  it("replaces when routeSource changes, without collision", () => {
    expect(diffRoute("pbr", OLD_PBR, { ...NEW_PBR, routeSource: "172.16.0.0/12" })).toEqual({
      changes: true,
      replaces: ["routeSource"],
      deleteBeforeReplace: false,
    });
  });

  it.each([
    ["description", "new text"],
    ["overlayMode", "Ipsec"],
    ["region", "cn-shanghai"],
  ])("replaces delete-first when %s changes: the new route takes the old one's slot", (key, value) => {
    expect(diffRoute("dbr", OLD_DBR, { ...NEW_DBR, [key]: value })).toEqual({
      changes: true,
      replaces: [key],
      deleteBeforeReplace: true,
    });
  });

  it("replaces when a description is removed", () => {
    expect(diffRoute("dbr", { ...OLD_DBR, description: "old" }, NEW_DBR).replaces).toEqual(["description"]);
  });

  it("lists every replace key, and updates do not hide them", () => {
    const result = diffRoute("pbr", OLD_PBR, {
      ...NEW_PBR,
      routeDest: "10.9.0.0/16",
      description: "d",
      weight: 0,
    });
    expect(result).toEqual({
      changes: true,
      replaces: ["routeDest", "description"],
      deleteBeforeReplace: false,
    });
  });

  it("an unknown replace-key means replace; an unknown identity may collide, so delete first", () => {
    expect(diffRoute("dbr", OLD_DBR, { ...NEW_DBR, routeDest: UNKNOWN })).toEqual({
      changes: true,
      replaces: ["routeDest"],
      deleteBeforeReplace: true,
    });
    expect(
      diffRoute("dbr", OLD_DBR, { ...NEW_DBR, routeDest: UNKNOWN, nextHop: "vco-new" }).deleteBeforeReplace,
    ).toBe(false);
  });

  it("an unknown update key means update", () => {
    expect(diffRoute("dbr", OLD_DBR, { ...NEW_DBR, weight: UNKNOWN })).toEqual(update);
    expect(diffRoute("pbr", OLD_PBR, { ...NEW_PBR, priority: UNKNOWN })).toEqual(update);
  });

  it("compares CIDRs canonically and defaults a missing stored priority", () => {
    const olds = { ...OLD_PBR, routeDest: "2001:DB8::/32", priority: undefined };
    expect(diffRoute("pbr", olds, { ...NEW_PBR, routeDest: "2001:db8::/32" })).toEqual(none);
  });
});
