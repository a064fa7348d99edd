/**
 * What the route table's engine suites do to a gateway behind the program's back (the TypeScript dynamic table,
 * tests/e2e/route-table.e2e.test.ts, and the plugin's, yaml-route-table.e2e.test.ts): a custom route made outside
 * Pulumi, and an `up` whose gateway refuses every write half-way.
 */
import type { RunningEmulator } from "../../emulator";
import { VpcClient } from "../../provider/api/client";
import { ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { until } from "./emulator-env";
import type { CommandResult, PulumiProject } from "./harness";

/** Creates a custom route as someone in the console would, and waits until its gateway is active again. */
export async function createRouteOutside(
  emulator: RunningEmulator,
  region: string,
  route: { VpnGatewayId: string; RouteDest: string; NextHop: string; PublishVpc: boolean },
): Promise<void> {
  const client = new VpcClient({ endpoint: emulator.endpoint, credentials: emulator.credentials, region });
  try {
    await client.createVpnRouteEntry({ ...route, Weight: 100 });
    await client.waitForGatewayActive({ VpnGatewayId: route.VpnGatewayId }, { pollMs: 10 });
  } finally {
    client.destroy();
  }
}

/**
 * Runs `pulumi up` and locks `gateway` (an overdue payment refuses every write) once two creates on it went
 * through; unlocks it when the up has ended. The up's result.
 */
export async function upRefusedHalfWay(
  project: PulumiProject,
  emulator: RunningEmulator,
  gateway: string,
): Promise<CommandResult> {
  const running = await project.start(["up", "--yes", "--skip-preview"]);
  const creates = () =>
    emulator
      .requestLog()
      .filter(
        (e) => e.action === "CreateVpnRouteEntry" && e.params.VpnGatewayId === gateway && e.status === 200,
      ).length;
  await until(() => creates() >= 2, ENGINE_TEST_TIMEOUT_MS / 2);
  emulator.drift.setBusinessStatus(gateway, "FinancialLocked");
  try {
    return await running.done;
  } finally {
    emulator.drift.setBusinessStatus(gateway, "Normal");
  }
}
