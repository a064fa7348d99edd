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
});
