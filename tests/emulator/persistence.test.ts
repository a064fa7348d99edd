/** The state file: loaded at start, written atomically after each change, never holding secrets. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import { popCore } from "./helpers/drivers";
import { testClock } from "./helpers/clock";
import { GW, onGw, REGION } from "./helpers/fixture";

const KEYS = [{ accessKeyId: "LTAIstate", accessKeySecret: "state-secret-value" }];
const GATEWAYS = [{ vpnGatewayId: GW, regionId: REGION }];
const ROUTE = {
  RouteDest: "10.0.0.0/24",
  NextHop: "vco-a",
  Weight: 100,
  PublishVpc: true,
  ClientToken: "keep-me",
};

/** An emulator on the state file, with the test's keys, gateway and clock. */
const startWithState = (stateFile: string, clock: ReturnType<typeof testClock>) =>
  startEmulator({ stateFile, credentials: KEYS, gateways: GATEWAYS, clock: clock.now, configDelayMs: 20 });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("a second process serves the routes, gateways and client tokens the first one wrote", async () => {
  const stateFile = join(dir, "state.json");
  const clock = testClock();
  const first = await startWithState(stateFile, clock);
  const created = await popCore(first).call("CreateVpnRouteEntry", onGw(ROUTE));
  clock.advance(20);
  await popCore(first).call(
    "CreateVpnPbrRouteEntry",
    onGw({ ...ROUTE, ClientToken: undefined, RouteSource: "192.168.0.0/16" }),
  );
  first.addGateway({ vpnGatewayId: "vpn-later", regionId: REGION });
  first.drift.setPublished(GW, { routeDest: "10.0.0.0/24", nextHop: "vco-a" }, false);
  await first.stop();

  const text = readFileSync(stateFile, "utf8");
  expect(text).not.toContain(KEYS[0].accessKeySecret);
  expect(readdirSync(dir)).toEqual(["state.json"]);

  clock.advance(20);
  const second = await startWithState(stateFile, clock);
  try {
    const api = popCore(second);
    const listed = (await api.call("DescribeVpnRouteEntries", onGw())).VpnRouteEntries.VpnRouteEntry;
    expect(listed).toMatchObject([
      { RouteDest: "10.0.0.0/24", State: "normal", CreateTime: created.CreateTime },
    ]);
    expect((await api.call("DescribeVpnPbrRouteEntries", onGw())).TotalCount).toBe(1);
    expect((await api.call("DescribeVpnGateway", onGw({}, "vpn-later"))).Status).toBe("active");
    const replayed = await api.call("CreateVpnRouteEntry", onGw(ROUTE));
    expect(replayed.CreateTime).toBe(created.CreateTime);
    expect(second.routes(GW)).toHaveLength(1);
  } finally {
    await second.stop();
  }
});

test("the file is complete after every change", async () => {
  const stateFile = join(dir, "state.json");
  const clock = testClock();
  const emulator = await startWithState(stateFile, clock);
  try {
    const routesInFile = () =>
      JSON.parse(readFileSync(stateFile, "utf8")).scopes[0].gateways[0].routes.length;
    expect(routesInFile()).toBe(0);
    for (let i = 0; i < 3; i++) {
      await popCore(emulator).call(
        "CreateVpnRouteEntry",
        onGw({ ...ROUTE, ClientToken: `t${i}`, RouteDest: `10.0.${i}.0/24` }),
      );
      clock.advance(20);
      expect(routesInFile()).toBe(i + 1);
    }
  } finally {
    await emulator.stop();
  }
});

test("a file that is not an emulator state file is refused at start", async () => {
  const stateFile = join(dir, "state.json");
  writeFileSync(stateFile, JSON.stringify({ version: 99 }));
  await expect(startEmulator({ stateFile, credentials: KEYS })).rejects.toThrow(/not an emulator state file/);
});
