import {
  benchGateways,
  busiestGatewayRoutes,
  limitSeconds,
  listingPages,
  ratio,
  routeDest,
} from "../topology";

describe("bench topology", () => {
  it("deals routes round-robin, the first gateways taking the remainder", () => {
    const gws = benchGateways(10, 4);
    expect(gws.map((g) => g.routeDests.length)).toEqual([3, 3, 2, 2]);
    expect(new Set(gws.map((g) => g.vpnGatewayId)).size).toBe(4);
    expect(busiestGatewayRoutes(10, 4)).toBe(3);
  });

  it("gives every route of the bench a distinct destination", () => {
    const dests = benchGateways(1000, 4).flatMap((g) => g.routeDests);
    expect(new Set(dests).size).toBe(1000);
    expect(routeDest(2, 300)).toBe("10.2.1.44/32");
  });

  it("takes the limit from the busiest gateway's writes back to back", () => {
    expect(limitSeconds(100, 4, 1000)).toBe(25);
    expect(limitSeconds(101, 4, 1000)).toBe(26);
    expect(limitSeconds(200, 4, 500)).toBe(25);
    expect(ratio(30, 25)).toBeCloseTo(1.2);
    expect(ratio(3, 0)).toBe(0);
  });

  it("counts listing pages of 50", () => {
    expect(listingPages(1000)).toBe(20);
    expect(listingPages(1001)).toBe(21);
    expect(listingPages(0)).toBe(1);
  });
});
