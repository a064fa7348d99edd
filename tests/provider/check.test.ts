import { UNKNOWN } from "../../provider/constants";
import { checkRouteInputs } from "../../provider/validation/check";
import { VALID_DBR, VALID_PBR } from "./badInputs";

describe("check", () => {
  it("returns valid inputs unchanged for a destination route", () => {
    expect(checkRouteInputs("dbr", { ...VALID_DBR, description: "to DC1" })).toEqual({
      inputs: { ...VALID_DBR, description: "to DC1" },
      failures: [],
    });
  });

  it("writes the default priority into a policy route's inputs", () => {
    expect(checkRouteInputs("pbr", { ...VALID_PBR }).inputs.priority).toBe(10);
    expect(checkRouteInputs("pbr", { ...VALID_PBR, priority: 3 }).inputs.priority).toBe(3);
    expect(checkRouteInputs("dbr", { ...VALID_DBR }).inputs).not.toHaveProperty("priority");
  });

  it("normalises IPv6 CIDRs to their canonical form", () => {
    const { inputs, failures } = checkRouteInputs("pbr", {
      ...VALID_PBR,
      routeDest: "2001:DB8:0:0::/64",
      routeSource: "FD00:0::/8",
    });
    expect(failures).toEqual([]);
    expect(inputs.routeDest).toBe("2001:db8::/64");
    expect(inputs.routeSource).toBe("fd00::/8");
  });

  it("lets every value that is unknown at preview through, whatever its type", () => {
    const news = Object.fromEntries(
      Object.keys({ ...VALID_PBR, priority: 1, region: "", description: "", overlayMode: "", adopt: 1 }).map(
        (k) => [k, UNKNOWN],
      ),
    );
    const { inputs, failures } = checkRouteInputs("pbr", news);
    expect(failures).toEqual([]);
    expect(inputs).toEqual(news);
  });

  it("does not default priority over an unknown value", () => {
    expect(checkRouteInputs("pbr", { ...VALID_PBR, priority: UNKNOWN }).inputs.priority).toBe(UNKNOWN);
  });

  it("keeps __provider and does not count it as an unknown property", () => {
    const { inputs, failures } = checkRouteInputs("dbr", { ...VALID_DBR, __provider: "code" });
    expect(failures).toEqual([]);
    expect(inputs.__provider).toBe("code");
  });

  it("reports every failure at once", () => {
    const { failures } = checkRouteInputs("dbr", { weight: 7, routeDest: "10.0.0.1/8" });
    expect(failures.map((f) => f.property).sort()).toEqual([
      "nextHop",
      "publishVpc",
      "routeDest",
      "vpnGatewayId",
      "weight",
    ]);
  });

  it("accepts the boundary values", () => {
    for (const priority of [1, 100])
      expect(checkRouteInputs("pbr", { ...VALID_PBR, priority }).failures).toEqual([]);
    for (const weight of [0, 100])
      expect(checkRouteInputs("dbr", { ...VALID_DBR, weight }).failures).toEqual([]);
    expect(checkRouteInputs("dbr", { ...VALID_DBR, description: "x".repeat(100) }).failures).toEqual([]);
    expect(checkRouteInputs("dbr", { ...VALID_DBR, routeDest: "100.128.0.0/9" }).failures).toEqual([]);
    expect(checkRouteInputs("dbr", { ...VALID_DBR, routeDest: "100.63.255.255/32" }).failures).toEqual([]);
    expect(checkRouteInputs("dbr", { ...VALID_DBR, region: "cn-shanghai-finance-1" }).failures).toEqual([]);
    expect(checkRouteInputs("pbr", { ...VALID_PBR, routeSource: "0.0.0.0/0" }).failures).toEqual([]);
  });
});
