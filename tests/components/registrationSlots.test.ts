/**
 * With the engine's `--parallel` known (the language host passes it as PULUMI_NODEJS_PARALLEL), all the
 * components of a program share its slots: at most that many routes wait in the engine at once, handed round
 * the gateways, so no gateway waits for a slot while others hold several.
 */
process.env.PULUMI_NODEJS_PARALLEL = "4";
import { events, mostInFlight, setPacingMocks } from "./pacingMocks";
setPacingMocks(false);

import { VpnGatewayRoutes } from "../../components";
import { deployed, table } from "./pacingTables";

/** Routes of any component waiting in the engine, at most, at any time. */
function mostInFlightOverall(): number {
  let now = 0;
  let most = 0;
  for (const event of events.filter((e) => e.includes("/"))) {
    now += event.startsWith("start") ? 1 : -1;
    most = Math.max(most, now);
  }
  return most;
}

// process.env is shared with the test files that run after this one in the same worker.
afterAll(() => {
  delete process.env.PULUMI_NODEJS_PARALLEL;
});

describe("registration slots shared by the components of a program", () => {
  it("keeps at most --parallel routes in the engine, and gives each gateway its share from the start", async () => {
    await deployed(
      table(VpnGatewayRoutes, "east", 5),
      table(VpnGatewayRoutes, "west", 5),
      table(VpnGatewayRoutes, "north", 5),
    );
    expect(events.filter((e) => e.startsWith("done"))).toHaveLength(15);
    expect(mostInFlightOverall()).toBe(4);
    // Four slots over three gateways: none holds more than two, and each had one among the first three.
    for (const gw of ["east", "west", "north"]) expect(mostInFlight(gw)).toBeLessThanOrEqual(2);
    const firstThree = events.filter((e) => e.startsWith("start")).slice(0, 3);
    expect(firstThree.map((e) => e.split(" ")[1].split("/")[0]).sort()).toEqual(["east", "north", "west"]);
  });

  it("with more gateways than slots, a freed slot goes to a gateway that has waited, not back to the one it left", async () => {
    events.length = 0;
    const names = ["g1", "g2", "g3", "g4", "g5", "g6"];
    await deployed(...names.map((name) => table(VpnGatewayRoutes, name, 3)));
    expect(events.filter((e) => e.startsWith("done"))).toHaveLength(18);
    // Four slots over six gateways: the first six routes to reach the engine are one of each gateway (handing
    // freed slots back to the first gateways left the last two idle until the first four had finished).
    const firstSix = events.filter((e) => e.startsWith("start")).slice(0, 6);
    expect(firstSix.map((e) => e.split(" ")[1].split("/")[0]).sort()).toEqual(names);
  });
});
