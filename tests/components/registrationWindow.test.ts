/**
 * During an update, each VpnGatewayRoutes lets at most three of its routes wait in the engine, so that the
 * engine's first-come-first-served slots go round the gateways instead of filling with one. Under mocks whose
 * registrations take time, the order of registrations shows it.
 */
import { events, mostInFlight, nthStart, setPacingMocks } from "./pacingMocks";
setPacingMocks(false);

import { VpnGatewayRoutes } from "../../components";
import { ROUTES_IN_FLIGHT_PER_GATEWAY } from "../../components/registrationWindow";
import { deployed, table } from "./pacingTables";

beforeEach(() => {
  events.length = 0;
});

describe("registration pacing of VpnGatewayRoutes in an update", () => {
  it("keeps at most ROUTES_IN_FLIGHT_PER_GATEWAY routes of one gateway waiting in the engine", async () => {
    await deployed(table(VpnGatewayRoutes, "hub", 6));
    expect(events.filter((e) => e.startsWith("done"))).toHaveLength(6);
    expect(mostInFlight("hub")).toBe(ROUTES_IN_FLIGHT_PER_GATEWAY);
  });

  it("goes round the gateways: the second table's routes reach the engine before the rest of the first's", async () => {
    const window = ROUTES_IN_FLIGHT_PER_GATEWAY;
    await deployed(table(VpnGatewayRoutes, "east", window + 3), table(VpnGatewayRoutes, "west", window + 3));
    expect(nthStart("west", 0)).toBeGreaterThan(-1);
    expect(nthStart("west", window - 1)).toBeLessThan(nthStart("east", window));
    expect(mostInFlight("east")).toBe(window);
    expect(mostInFlight("west")).toBe(window);
  });
});
