import type { UpdateReport } from "../../tests/e2e/engine-output";
import {
  compareTables,
  failedRouteUrns,
  isRouteUrn,
  routeOps,
  typeOfUrn,
  wrongActive,
} from "../engine/outcome";

const ROUTE_URN =
  "urn:pulumi:test::p::alicloud-vpn:index:VpnGatewayRoutes$pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry::gw1/10.0.0.0/32@vco-1";
const COMPONENT_URN = "urn:pulumi:test::p::alicloud-vpn:index:VpnGatewayRoutes::gw1";
const PBR_URN = "urn:pulumi:test::p::pulumi-nodejs:dynamic/alicloud-vpn:VpnPbrRouteEntry::r2";

function report(partial: Partial<UpdateReport>): UpdateReport {
  return { changeSummary: {}, steps: [], diagnostics: [], events: [], ...partial };
}

describe("engine outcome", () => {
  it("reads a resource's own type from its URN, parent types and slashes in names included", () => {
    expect(typeOfUrn(ROUTE_URN)).toBe("pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry");
    expect(isRouteUrn(ROUTE_URN)).toBe(true);
    expect(isRouteUrn(PBR_URN)).toBe(true);
    expect(isRouteUrn(COMPONENT_URN)).toBe(false);
    expect(typeOfUrn("not-a-urn")).toBe("");
  });

  it("counts each failed route once, from failed operations and error diagnostics", () => {
    const failed = failedRouteUrns(
      report({
        events: [
          { sequence: 1, resOpFailedEvent: { metadata: { urn: ROUTE_URN } } },
          { sequence: 2, resOpFailedEvent: { metadata: { urn: COMPONENT_URN } } },
        ],
        diagnostics: [
          { severity: "error", message: "boom", urn: ROUTE_URN },
          { severity: "error", message: "boom", urn: PBR_URN },
          {
            severity: "warning",
            message: "meh",
            urn: "urn:pulumi:test::p::pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry::w",
          },
        ],
      }),
    );
    expect(failed).toEqual([PBR_URN, ROUTE_URN].sort());
    expect(failedRouteUrns(undefined)).toEqual([]);
  });

  it("counts operations on routes only", () => {
    const ops = routeOps(
      report({
        steps: [
          { op: "create", urn: ROUTE_URN, type: "x" },
          { op: "create", urn: PBR_URN, type: "x" },
          { op: "create", urn: COMPONENT_URN, type: "x" },
          { op: "same", urn: ROUTE_URN, type: "x" },
        ],
      }),
    );
    expect(ops).toEqual({ create: 2, same: 1 });
  });

  it("finds second copies, undeclared entries and missing routes", () => {
    expect(compareTables(["a", "b", "c"], ["a", "b", "c"])).toEqual({ duplicates: 0, missing: 0 });
    expect(compareTables(["a", "b", "c"], ["a", "a", "c", "x"])).toEqual({ duplicates: 2, missing: 1 });
  });
});

describe("wrongActive", () => {
  const route = (RouteDest: string, NextHop: string, Weight: number) => ({ RouteDest, NextHop, Weight });
  it("counts destinations with no active route, two, or the other next hop active", () => {
    const listed = [
      route("10.1.0.0/16", "vco-a", 100), // right
      route("10.1.0.0/16", "vco-b", 0),
      route("10.2.0.0/16", "vco-a", 0), // none active
      route("10.2.0.0/16", "vco-b", 0),
      route("10.3.0.0/16", "vco-a", 100), // two active
      route("10.3.0.0/16", "vco-b", 100),
      route("10.4.0.0/16", "vco-b", 100), // the other one
    ];
    const dests = ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16"];
    expect(wrongActive(listed, dests, "vco-a")).toBe(3);
    expect(wrongActive(listed, ["10.1.0.0/16"], "vco-a")).toBe(0);
    expect(wrongActive(listed, ["10.4.0.0/16"], "vco-b")).toBe(0);
  });
});
