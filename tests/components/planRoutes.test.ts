import * as pulumi from "@pulumi/pulumi";
import { planRoutes, RouteGroupError } from "../../components/planRoutes";
import { childName, policyRouteKey, routeKey } from "../../components/routeKeys";
import { routeTableFromValue } from "../../components/routesFromConfig";
import { VpnGatewayRoutesArgs } from "../../components/routeSpecs";

const GW = "vpn-hub0001";
const A = "vco-aaaa0001";
const B = "vco-bbbb0002";

function problemsOf(args: VpnGatewayRoutesArgs): string[] {
  try {
    planRoutes("hub", args);
  } catch (e) {
    expect(e).toBeInstanceOf(RouteGroupError);
    // Printed by the Node runtime as the component's error, without a stack (not "an unhandled exception").
    expect(pulumi.ResourceError.isInstance(e)).toBe(true);
    expect((e as RouteGroupError).hideStack).toBe(true);
    return (e as RouteGroupError).problems;
  }
  throw new Error("expected the table to be refused");
}

describe("planRoutes", () => {
  it("applies defaults and keys each route by its identity", () => {
    const planned = planRoutes("hub", {
      vpnGatewayId: GW,
      defaults: { nextHop: A, weight: 0, publishVpc: false },
      routes: [
        { routeDest: "10.1.0.0/16" },
        { routeDest: "10.2.0.0/16", nextHop: B, weight: 100, publishVpc: true },
      ],
      policyRoutes: [{ routeSource: "192.168.0.0/24", routeDest: "10.3.0.0/16" }],
    });
    expect(planned).toEqual([
      expect.objectContaining({
        kind: "dbr",
        key: `10.1.0.0/16@${A}`,
        nextHop: A,
        weight: 0,
        publishVpc: false,
      }),
      expect.objectContaining({
        kind: "dbr",
        key: `10.2.0.0/16@${B}`,
        nextHop: B,
        weight: 100,
        publishVpc: true,
      }),
      expect.objectContaining({
        kind: "pbr",
        key: `192.168.0.0/24>10.3.0.0/16@${A}`,
        priority: 10,
        weight: 0,
        publishVpc: false,
      }),
    ]);
  });

  it("falls back to weight 100 and published when neither route nor defaults say", () => {
    const [route] = planRoutes("hub", {
      vpnGatewayId: GW,
      routes: [{ routeDest: "10.1.0.0/16", nextHop: A }],
    });
    expect(route).toMatchObject({ weight: 100, publishVpc: true });
  });

  it("keys do not depend on position, spelling of the CIDR or IPv6 form", () => {
    expect(routeKey("10.1.0.0/16", A)).toBe(routeKey(" 10.1.0.0/16 ", A));
    expect(routeKey("fd00:0:0::/8", A)).toBe(routeKey("fd00::/8", A));
    expect(policyRouteKey("192.168.0.0/24", "fd00::/8", A)).toBe(`192.168.0.0/24>fd00::/8@${A}`);
    expect(childName("hub", routeKey("fd00::/8", A))).toBe(`hub/fd00../8@${A}`);
  });

  it("refuses duplicate routes", () => {
    const problems = problemsOf({
      vpnGatewayId: GW,
      routes: [
        { routeDest: "10.1.0.0/16", nextHop: A },
        { routeDest: "10.9.0.0/16", nextHop: A },
        { routeDest: "10.1.0.0/16", nextHop: A, weight: 0 },
      ],
    });
    expect(problems).toEqual([
      `routes[0] and routes[2] are the same route (10.1.0.0/16@${A}): remove the duplicate.`,
    ]);
  });

  it("reports a duplicate of an active/standby pair's route once, not also as a third route of the destination", () => {
    const problems = problemsOf({
      vpnGatewayId: GW,
      routes: [
        { routeDest: "10.1.0.0/16", nextHop: A },
        { routeDest: "10.1.0.0/16", nextHop: B, weight: 0 },
        { routeDest: "10.1.0.0/16", nextHop: A },
      ],
    });
    expect(problems).toEqual([
      `routes[0] and routes[2] are the same route (10.1.0.0/16@${A}): remove the duplicate.`,
    ]);
  });

  it("refuses two active next hops for one destination, allows active/standby", () => {
    expect(() =>
      planRoutes("hub", {
        vpnGatewayId: GW,
        routes: [
          { routeDest: "10.1.0.0/16", nextHop: A, weight: 100 },
          { routeDest: "10.1.0.0/16", nextHop: B, weight: 0 },
        ],
      }),
    ).not.toThrow();
    const problems = problemsOf({
      vpnGatewayId: GW,
      routes: [
        { routeDest: "10.1.0.0/16", nextHop: A },
        { routeDest: "10.1.0.0/16", nextHop: B },
      ],
    });
    expect(problems).toEqual([
      "routes[0] (10.1.0.0/16) and routes[1] (10.1.0.0/16) are both active (weight 100) for one destination; " +
        "the gateway takes one active next hop per destination: set weight 0 on the standby.",
    ]);
  });

  it("refuses a third route for one destination: active/standby is a pair", () => {
    const C = "vco-ccc0003";
    const problems = problemsOf({
      vpnGatewayId: GW,
      routes: [
        { routeDest: "10.1.0.0/16", nextHop: A, weight: 100 },
        { routeDest: "10.1.0.0/16", nextHop: B, weight: 0 },
        { routeDest: "10.1.0.0/16", nextHop: C, weight: 0 },
        { routeDest: "10.2.0.0/16", nextHop: C, weight: 0 },
      ],
      policyRoutes: [
        {
          routeSource: "192.168.0.0/24",
          routeDest: "10.3.0.0/16",
          nextHop: A,
          weight: 100,
          publishVpc: false,
        },
        { routeSource: "192.168.0.0/24", routeDest: "10.3.0.0/16", nextHop: B, weight: 0, publishVpc: false },
        { routeSource: "192.168.0.0/24", routeDest: "10.3.0.0/16", nextHop: C, weight: 0, publishVpc: false },
        { routeSource: "192.168.9.0/24", routeDest: "10.3.0.0/16", nextHop: C, weight: 0, publishVpc: false },
      ],
    });
    expect(problems).toEqual([
      "routes[0] (10.1.0.0/16), routes[1] (10.1.0.0/16), routes[2] (10.1.0.0/16) are 3 routes for one " +
        "destination; the gateway takes an active/standby pair (one weight 100, one weight 0) per destination: " +
        "keep two and remove the others.",
      "policyRoutes[0] (192.168.0.0/24 -> 10.3.0.0/16), policyRoutes[1] (192.168.0.0/24 -> 10.3.0.0/16), " +
        "policyRoutes[2] (192.168.0.0/24 -> 10.3.0.0/16) are 3 routes for one destination; the gateway takes an " +
        "active/standby pair (one weight 100, one weight 0) per destination: keep two and remove the others.",
    ]);
  });

  it("refuses a destination published both as a destination and a policy route", () => {
    const problems = problemsOf({
      vpnGatewayId: GW,
      defaults: { nextHop: A },
      routes: [{ routeDest: "10.1.0.0/16" }],
      policyRoutes: [{ routeSource: "192.168.0.0/24", routeDest: "10.1.0.0/16", publishVpc: false }],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^10\.1\.0\.0\/16 is both a destination route and a policy route and is published/,
    );
    expect(problems[0]).toMatch(/Publish it in one table only/);
  });

  it("refuses more routes than the quota", () => {
    const routes = Array.from({ length: 4 }, (_, i) => ({ routeDest: `10.${i}.0.0/16`, nextHop: A }));
    expect(problemsOf({ vpnGatewayId: GW, routes, routeQuota: 3 })).toEqual([
      "the table has 4 routes but routeQuota is 3: remove routes, or raise the gateway's route quota in the " +
        "Quota Center and then routeQuota.",
    ]);
  });

  it("asks for a next hop, and for a key when the next hop is another resource's output", () => {
    const problems = problemsOf({
      vpnGatewayId: GW,
      routes: [{ routeDest: "10.1.0.0/16" }, { routeDest: "10.2.0.0/16", nextHop: pulumi.output(A) }],
    });
    expect(problems).toEqual([
      "routes[0] (10.1.0.0/16) has no nextHop: set nextHop on the route or defaults.nextHop.",
      "routes[1] (10.2.0.0/16) takes its nextHop from another resource, so it cannot be named by it: give the " +
        'route a stable "key" (e.g. "10.2.0.0/16-primary").',
    ]);
  });

  it("reports every problem at once, naming the component", () => {
    try {
      planRoutes("hub", {
        vpnGatewayId: GW,
        routeQuota: 1,
        routes: [
          { routeDest: "10.1.0.0/16" },
          { routeDest: "10.2.0.0/16", nextHop: A },
          { routeDest: "10.2.0.0/16", nextHop: A },
        ],
      });
      throw new Error("not refused");
    } catch (e) {
      expect((e as Error).message).toMatch(
        /^VpnGatewayRoutes "hub" has 3 problem\(s\) in its route table:\n {2}- /,
      );
    }
  });
});

describe("routeTableFromValue", () => {
  it("accepts a table and refuses unknown keys and a missing gateway", () => {
    expect(routeTableFromValue({ vpnGatewayId: GW, routes: [] }, "cfg")).toEqual({
      vpnGatewayId: GW,
      routes: [],
    });
    expect(() => routeTableFromValue({ vpnGatewayId: GW, route: [] }, "cfg")).toThrow(
      "cfg has unknown key(s) route: expected vpnGatewayId, region, routes, policyRoutes, defaults, routeQuota, adopt.",
    );
    expect(() => routeTableFromValue({ routes: [] }, "cfg")).toThrow(
      "cfg.vpnGatewayId must be the gateway's id (vpn-...).",
    );
    expect(() => routeTableFromValue({ vpnGatewayId: GW, routes: {} }, "cfg")).toThrow(
      "cfg.routes must be a list of routes.",
    );
  });

  it("refuses with RunErrors, which the Node runtime prints without a stack", () => {
    let thrown: unknown;
    try {
      routeTableFromValue({ routes: [] }, "cfg");
    } catch (e) {
      thrown = e;
    }
    expect(pulumi.RunError.isInstance(thrown)).toBe(true);
  });
});
