import { planTable } from "../../provider/lifecycle/tablePlan";
import { UNKNOWN } from "../../provider/constants";
import { changedRoutes, diffTable, routeDifferences } from "../../provider/lifecycle/tableDiff";
import { checkRouteTableInputs } from "../../provider/validation/checkTable";
import type { ListedRoute, NewRoute } from "../../provider/routes";

const GW = "vpn-bp1table0000000000001";
const scope = { vpnGatewayId: GW, region: "cn-hangzhou" };
const route = (routeDest: string, nextHop: string, weight: number, publishVpc = true): NewRoute => ({
  ...scope,
  routeDest,
  nextHop,
  weight,
  publishVpc,
});
const listed = (
  RouteDest: string,
  NextHop: string,
  Weight: number,
  extra: Partial<ListedRoute> = {},
): ListedRoute => ({
  VpnInstanceId: GW,
  RouteDest,
  NextHop,
  Weight,
  State: "published",
  CreateTime: 1,
  RouteEntryType: "custom",
  Source: "CLOUD",
  ...extra,
});
const declared = (...routes: NewRoute[]) => new Map(routes.map((r) => [`${r.routeDest}@${r.nextHop}`, r]));
const ops = (plans: ReturnType<typeof planTable>) =>
  plans.map((p) =>
    p.steps.map((s) => `${s.op} ${s.key} ${"weight" in s.route ? s.route.weight : ""}`.trim()),
  );

describe("planTable", () => {
  it("writes only the routes that differ", () => {
    const routes = Array.from({ length: 1000 }, (_, i) =>
      route(`10.${i >> 8}.${i & 255}.0/24`, "vco-a", 100),
    );
    const entries = routes.map((r) => listed(r.routeDest, r.nextHop, 100));
    routes[7] = { ...routes[7], publishVpc: false };
    expect(ops(planTable("dbr", declared(...routes), entries, scope, new Map(), false))).toEqual([
      ["converge 10.0.7.0/24@vco-a 100"],
    ]);
  });

  it("orders a failover standby first, then the new active, one destination per plan", () => {
    const plans = planTable(
      "dbr",
      declared(route("10.20.0.0/16", "vco-a", 0), route("10.20.0.0/16", "vco-b", 100)),
      [listed("10.20.0.0/16", "vco-a", 100), listed("10.20.0.0/16", "vco-b", 0)],
      scope,
      new Map(),
      false,
    );
    expect(ops(plans)).toEqual([["converge 10.20.0.0/16@vco-a 0", "converge 10.20.0.0/16@vco-b 100"]]);
  });

  it("deletes a route the table no longer declares, and an undeclared custom one only when exclusive, never BGP", () => {
    const entries = [
      listed("10.1.0.0/16", "vco-a", 100),
      listed("10.2.0.0/16", "vco-a", 100),
      listed("10.3.0.0/16", "vco-a", 100, { RouteEntryType: "bgp", Source: "VPN_BGP" }),
    ];
    const previous = new Map([["10.1.0.0/16@vco-a", {}]]);
    expect(ops(planTable("dbr", declared(), entries, scope, previous, false))).toEqual([
      ["delete 10.1.0.0/16@vco-a"],
    ]);
    const exclusive = planTable("dbr", declared(), entries, scope, previous, true);
    expect(ops(exclusive)).toEqual([["delete 10.1.0.0/16@vco-a"], ["delete 10.2.0.0/16@vco-a"]]);
    expect(exclusive.flatMap((p) => p.steps).map((s) => s.op === "delete" && s.undeclared)).toEqual([
      true,
      true,
    ]);
  });

  it("recreates a route whose description changed (the API cannot modify it)", () => {
    const changed = { ...route("10.1.0.0/16", "vco-a", 100), description: "new" };
    const plans = planTable(
      "dbr",
      declared(changed),
      [listed("10.1.0.0/16", "vco-a", 100)],
      scope,
      new Map([["10.1.0.0/16@vco-a", { description: "old" }]]),
      false,
    );
    expect(ops(plans)).toEqual([["recreate 10.1.0.0/16@vco-a 100"]]);
  });
});

describe("diffTable", () => {
  const r = { routeDest: "10.20.0.0/16", nextHop: "vco-a", weight: 100, publishVpc: true };
  const olds = {
    vpnGatewayId: GW,
    region: "cn-hangzhou",
    routes: { "10.20.0.0/16@vco-a": { ...r, state: "published", id: "x" } },
  };

  it("updates in place for a route's weight, and names the route", () => {
    const news = { vpnGatewayId: GW, routes: { "10.20.0.0/16@vco-a": { ...r, weight: 0 } } };
    expect(diffTable(olds, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(changedRoutes(olds, news)).toEqual(['routes["10.20.0.0/16@vco-a"]']);
  });

  it("finds no change for the same routes, and replaces only on a new gateway", () => {
    expect(diffTable(olds, { vpnGatewayId: GW, routes: { "10.20.0.0/16@vco-a": r } }).changes).toBe(false);
    expect(diffTable(olds, { vpnGatewayId: "vpn-other", routes: {} }).replaces).toEqual(["vpnGatewayId"]);
  });

  it("routeDifferences: each route added, removed or changed (with its changed settings), none unchanged", () => {
    const stored = {
      ...olds,
      routes: { ...olds.routes, "10.30.0.0/16@vco-a": { ...r, routeDest: "10.30.0.0/16" } },
    };
    const news = {
      vpnGatewayId: GW,
      routes: {
        "10.20.0.0/16@vco-a": { ...r, weight: 0, publishVpc: false, description: "standby" },
        "10.40.0.0/16@vco-a": { ...r, routeDest: "10.40.0.0/16" },
      },
      policyRoutes: UNKNOWN,
    };
    expect(routeDifferences(stored, news)).toEqual([
      {
        field: "routes",
        key: "10.20.0.0/16@vco-a",
        change: "update",
        updates: ["weight", "publishVpc", "description"],
      },
      { field: "routes", key: "10.30.0.0/16@vco-a", change: "delete", updates: [] },
      { field: "routes", key: "10.40.0.0/16@vco-a", change: "add", updates: [] },
      { field: "policyRoutes", change: "update", updates: [] },
    ]);
    expect(routeDifferences(olds, { vpnGatewayId: GW, routes: { "10.20.0.0/16@vco-a": r } })).toEqual([]);
  });
});

describe("checkRouteTableInputs", () => {
  it("names the route's key in each problem, and applies the table rules", () => {
    const { failures } = checkRouteTableInputs({
      vpnGatewayId: GW,
      routes: {
        "10.20.0.0/16@vco-a": { routeDest: "10.20.0.0/16", nextHop: "vco-a", weight: 100, publishVpc: true },
        "10.20.0.0/16@vco-b": { routeDest: "10.20.0.0/16", nextHop: "vco-b", weight: 100, publishVpc: true },
        "10.30.0.0/16@vco-a": { routeDest: "10.30.0.0/16", nextHop: "vco-a", weight: 50, publishVpc: true },
      },
    });
    const reasons = failures.map((f) => f.reason).join("\n");
    expect(reasons).toContain('routes["10.30.0.0/16@vco-a"]: weight');
    expect(reasons).toContain('routes["10.20.0.0/16@vco-a"] (10.20.0.0/16) and routes["10.20.0.0/16@vco-b"]');
  });

  it("refuses a route that carries its own gateway, region or adopt instead of ignoring them", () => {
    const ok = { routeDest: "10.20.0.0/16", nextHop: "vco-a", weight: 100, publishVpc: true };
    const { failures } = checkRouteTableInputs({
      vpnGatewayId: GW,
      routes: { "10.20.0.0/16@vco-a": { ...ok, vpnGatewayId: "vpn-bp1other000000000001", adopt: true } },
      policyRoutes: {
        "10.1.0.0/16>10.30.0.0/16@vco-a": {
          ...ok,
          routeDest: "10.30.0.0/16",
          routeSource: "10.1.0.0/16",
          region: "cn-beijing",
        },
      },
    });
    expect(failures.map((f) => f.reason)).toEqual([
      'routes["10.20.0.0/16@vco-a"]: vpnGatewayId is the table\'s: set it once on the VpnGatewayRouteTable, not on a route.',
      'routes["10.20.0.0/16@vco-a"]: adopt is not needed in a table: it takes over the routes the gateway already holds as they are.',
      'policyRoutes["10.1.0.0/16>10.30.0.0/16@vco-a"]: region is the table\'s: set it once on the VpnGatewayRouteTable, not on a route.',
    ]);
    const clean = checkRouteTableInputs({ vpnGatewayId: GW, routes: { "10.20.0.0/16@vco-a": ok } });
    expect(clean.failures).toEqual([]);
  });
});
