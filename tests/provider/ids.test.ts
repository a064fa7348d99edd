import { formatRouteId, parseRouteId, sameIdentity } from "../../provider/routes";

describe("route IDs", () => {
  it("formats terraform's dbr and pbr IDs", () => {
    expect(
      formatRouteId("dbr", { vpnGatewayId: "vpn-a1", nextHop: "vco-b2", routeDest: "10.0.0.0/24" }),
    ).toBe("vpn-a1:vco-b2:10.0.0.0/24");
    expect(
      formatRouteId("pbr", {
        vpnGatewayId: "vpn-a1",
        nextHop: "vco-b2",
        routeSource: "192.168.0.0/16",
        routeDest: "10.0.0.0/24",
      }),
    ).toBe("vpn-a1:vco-b2:192.168.0.0/16:10.0.0.0/24");
  });

  it.each([
    ["vpn-a1:vco-b2:10.0.0.0/24", { vpnGatewayId: "vpn-a1", nextHop: "vco-b2", routeDest: "10.0.0.0/24" }],
    [
      "vpn-a1:vco-b2:2001:db8::/32",
      { vpnGatewayId: "vpn-a1", nextHop: "vco-b2", routeDest: "2001:db8::/32" },
    ],
    ["vpn-a1:vco-b2:::/1", { vpnGatewayId: "vpn-a1", nextHop: "vco-b2", routeDest: "::/1" }],
  ])("parses dbr %s", (id, expected) => {
    expect(parseRouteId("dbr", id)).toEqual(expected);
  });

  it.each([
    ["vpn-a1:vco-b2:192.168.0.0/16:10.0.0.0/24", "192.168.0.0/16", "10.0.0.0/24"],
    ["vpn-a1:vco-b2:2001:db8:1::/48:2001:db8:2::/48", "2001:db8:1::/48", "2001:db8:2::/48"],
    ["vpn-a1:vco-b2:10.1.0.0/16:fd00::/8", "10.1.0.0/16", "fd00::/8"],
    ["vpn-a1:vco-b2:fd00::/8:10.1.0.0/16", "fd00::/8", "10.1.0.0/16"],
  ])("parses pbr %s (IPv6 on either side)", (id, routeSource, routeDest) => {
    expect(parseRouteId("pbr", id)).toEqual({
      vpnGatewayId: "vpn-a1",
      nextHop: "vco-b2",
      routeSource,
      routeDest,
    });
  });

  it("round-trips what it formats", () => {
    const route = {
      vpnGatewayId: "vpn-x",
      nextHop: "vco-y",
      routeSource: "fd00:1::/64",
      routeDest: "fd00:2::/64",
    };
    expect(parseRouteId("pbr", formatRouteId("pbr", route))).toEqual(route);
  });

  it.each([
    ["dbr", "vpn-a1"],
    ["dbr", "vpn-a1:vco-b2"],
    ["dbr", "vpn-a1:vco-b2:"],
    ["dbr", ":vco-b2:10.0.0.0/24"],
    ["dbr", "vpn-a1::10.0.0.0/24"],
    ["dbr", "vpn-a1:vco-b2:10.0.0.0"],
    ["pbr", "vpn-a1:vco-b2:10.0.0.0/24"],
    ["pbr", "vpn-a1:vco-b2:10.0.0.0:10.1.0.0/16"],
  ] as const)("rejects %s ID %s and names the expected form", (kind, id) => {
    expect(() => parseRouteId(kind, id)).toThrow(
      kind === "pbr" ? "vpn-xxx:vco-xxx:routeSource:routeDest" : "vpn-xxx:vco-xxx:routeDest",
    );
  });

  it("compares identities on canonical CIDRs", () => {
    const a = { vpnGatewayId: "vpn-a", nextHop: "vco-b", routeDest: "2001:DB8:0::/32" };
    expect(sameIdentity("dbr", a, { ...a, routeDest: "2001:db8::/32" })).toBe(true);
    expect(sameIdentity("dbr", a, { ...a, nextHop: "vco-c" })).toBe(false);
    expect(
      sameIdentity("pbr", { ...a, routeSource: "10.0.0.0/8" }, { ...a, routeSource: "10.0.0.0/9" }),
    ).toBe(false);
  });
});
