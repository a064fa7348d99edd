/** A preview makes no writes: VpnGatewayRoutes registers all its routes at once (see registrationWindow.test.ts). */
import { mostInFlight, setPacingMocks } from "./pacingMocks";
setPacingMocks(true);

import { VpnGatewayRoutes } from "../../components";
import { deployed, table } from "./pacingTables";

it("holds no route back in a preview", async () => {
  await deployed(table(VpnGatewayRoutes, "dry", 8));
  expect(mostInFlight("dry")).toBe(8);
});
