import { planSteps } from "../../provider/lifecycle/converge";
import { matches } from "../../provider/routes";
import type { ListedRoute } from "../../provider/routes";

const entry = (over: Partial<ListedRoute> = {}): ListedRoute => ({
  VpnInstanceId: "vpn-a",
  RouteDest: "10.0.0.0/16",
  NextHop: "vco-a",
  Weight: 100,
  State: "published",
  CreateTime: 1,
  ...over,
});

describe("planSteps: the order of in-place changes", () => {
  it("plans nothing when the entry already shows the wanted settings", () => {
    expect(planSteps(entry({ Priority: 10 }), { weight: 100, publishVpc: true, priority: 10 })).toEqual([]);
  });

  it("withdraws first, then weight, then priority", () => {
    expect(planSteps(entry({ Priority: 10 }), { weight: 0, publishVpc: false, priority: 5 })).toEqual([
      { op: "publish", publish: false },
      { op: "weight", from: 100, to: 0 },
      { op: "priority", from: 10, to: 5 },
    ]);
  });

  it("publishes last", () => {
    expect(
      planSteps(entry({ Weight: 0, State: "normal", Priority: 1 }), {
        weight: 100,
        publishVpc: true,
        priority: 2,
      }),
    ).toEqual([
      { op: "weight", from: 0, to: 100 },
      { op: "priority", from: 1, to: 2 },
      { op: "publish", publish: true },
    ]);
  });

  it("leaves priority alone when the listing cannot show it", () => {
    expect(planSteps(entry(), { weight: 100, publishVpc: true, priority: 30 })).toEqual([]);
    expect(matches(entry(), { weight: 100, publishVpc: true, priority: 30 })).toBe(true);
  });

  it("matches only when weight, publish state and priority all agree", () => {
    expect(matches(entry({ Priority: 10 }), { weight: 100, publishVpc: true, priority: 10 })).toBe(true);
    expect(matches(entry({ Priority: 10 }), { weight: 0, publishVpc: true, priority: 10 })).toBe(false);
    expect(matches(entry({ Priority: 10 }), { weight: 100, publishVpc: false, priority: 10 })).toBe(false);
    expect(matches(entry({ Priority: 10 }), { weight: 100, publishVpc: true, priority: 11 })).toBe(false);
  });
});
