/**
 * Alibaba's per-API rate limits (VPN Gateway "API rate limits": calls per 60 s per region, API and parent
 * account), answered as the real API answers flow control: Throttling.User, HTTP 400, x-acs-retry-after.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { DOCUMENTED_RATE_LIMITS } from "../../emulator";
import { optionsFromArgs } from "../../emulator/cli";
import { ACTIONS } from "../../emulator/handlers/registry";
import { VpcClient } from "../../provider/api/client";
import { type Driver, failure, popCore } from "./helpers/drivers";
import { type Fixture, fixture, GW, onGw, REGION } from "./helpers/fixture";

const OTHER_REGION = "cn-shanghai";
const GW_SH = "vpn-shanghai0000000001";

const MAIN = { accessKeyId: "LTAImain", accessKeySecret: "main-secret" };

let f: Fixture;
let api: Driver;
let theirs: Driver;
beforeEach(async () => {
  f = await fixture({
    credentials: [
      { accessKeyId: "LTAImain", accessKeySecret: "main-secret", accountId: "111" },
      { accessKeyId: "LTAIsecond", accessKeySecret: "second-secret", accountId: "111" },
      { accessKeyId: "LTAIother", accessKeySecret: "other-secret", accountId: "222" },
    ],
    gateways: [
      { vpnGatewayId: GW, regionId: REGION },
      { vpnGatewayId: GW_SH, regionId: OTHER_REGION },
      { vpnGatewayId: "vpn-theirs", regionId: REGION, accountId: "222" },
    ],
  });
  api = popCore(f.emulator, "POST", { accessKeyId: "LTAImain", accessKeySecret: "main-secret" });
  theirs = popCore(f.emulator, "POST", { accessKeyId: "LTAIother", accessKeySecret: "other-secret" });
});
afterEach(() => f.emulator.stop());

/** A create that reaches the API (and is refused there after the first, the gateway being busy): it counts. */
const create = (driver = api, gw = GW, region = REGION, i = 0) =>
  driver
    .call("CreateVpnRouteEntry", {
      RegionId: region,
      VpnGatewayId: gw,
      RouteDest: `10.${i}.0.0/24`,
      NextHop: "vco-a",
      Weight: 100,
      PublishVpc: true,
    })
    .then(
      () => "ok",
      (e: { code: string }) => e.code,
    );

async function spend(n: number, call: (i: number) => Promise<string>): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < n; i++) codes.push(await call(i));
  return codes;
}

test("every action the emulator serves has its documented figure", () => {
  expect(Object.keys(DOCUMENTED_RATE_LIMITS).sort()).toEqual(Object.keys(ACTIONS).sort());
  expect(DOCUMENTED_RATE_LIMITS.CreateVpnPbrRouteEntry.perPeriod).toBe(60);
  expect(DOCUMENTED_RATE_LIMITS.ModifyVpnRouteEntryWeight.perPeriod).toBe(120);
  expect(DOCUMENTED_RATE_LIMITS.DescribeVpnGateway.perPeriod).toBe(600);
});

test("the 61st CreateVpnRouteEntry within 60 s is Throttling.User (400) with x-acs-retry-after; a second later one more passes", async () => {
  const codes = await spend(60, (i) => create(api, GW, REGION, i));
  expect(codes).not.toContain("Throttling.User");
  const refused = await failure(
    api.call(
      "CreateVpnRouteEntry",
      onGw({ RouteDest: "10.99.0.0/24", NextHop: "vco-a", Weight: 0, PublishVpc: true }),
    ),
  );
  expect(refused).toMatchObject({ code: "Throttling.User", status: 400 });
  expect(refused.message).toContain("Request was denied due to user flow control");
  expect(f.emulator.requestLog().filter((e) => e.rateLimited)).toHaveLength(1);
  // The header says when a token is back: the client reads it (one attempt, so the answer is seen as is).
  const client = new VpcClient({ endpoint: f.emulator.endpoint, credentials: MAIN, maxAttempts: 1 });
  try {
    await expect(client.describeVpnGateway({ RegionId: REGION, VpnGatewayId: GW })).resolves.toBeDefined();
    const thrown = await client
      .createVpnRouteEntry({
        RegionId: REGION,
        VpnGatewayId: GW,
        RouteDest: "10.98.0.0/24",
        NextHop: "vco-a",
        Weight: 0,
        PublishVpc: true,
      })
      .catch((e: unknown) => e);
    expect(thrown).toMatchObject({ code: "Throttling.User", httpStatus: 400, retryAfterMs: 1_000 });
  } finally {
    client.destroy();
  }
  f.clock.advance(1_000);
  expect(await create(api, GW, REGION, 98)).not.toBe("Throttling.User");
  expect(await create(api, GW, REGION, 97)).toBe("Throttling.User");
});

test("the budget is per parent account, region and action: another key of the account shares it", async () => {
  await spend(60, (i) => create(api, GW, REGION, i));
  const second = popCore(f.emulator, "POST", { accessKeyId: "LTAIsecond", accessKeySecret: "second-secret" });
  expect(await create(second)).toBe("Throttling.User");
  // Another account, another region, another action: untouched budgets.
  expect(await create(theirs, "vpn-theirs")).not.toBe("Throttling.User");
  expect(await create(api, GW_SH, OTHER_REGION)).not.toBe("Throttling.User");
  expect((await api.call("DescribeVpnGateway", onGw())).Status).toBeDefined();
});

test("reads have their own, larger budget: 600 DescribeVpnGateway per 60 s", async () => {
  const codes = await spend(601, () =>
    api.call("DescribeVpnGateway", onGw()).then(
      () => "ok",
      (e: { code: string }) => e.code,
    ),
  );
  expect(codes.slice(0, 600).every((c) => c === "ok")).toBe(true);
  expect(codes[600]).toBe("Throttling.User");
});

test("limits are configurable: scaled, per action, off; by option, CLI flag and seed file", async () => {
  f.emulator.setRateLimits({ scale: 2, perMinute: { DescribeVpnGateway: 3 } });
  expect(await spend(120, (i) => create(api, GW, REGION, i))).not.toContain("Throttling.User");
  expect(await create(api, GW, REGION, 121)).toBe("Throttling.User");
  const reads = await spend(4, () =>
    api.call("DescribeVpnGateway", onGw()).then(
      () => "ok",
      (e: { code: string }) => e.code,
    ),
  );
  expect(reads).toEqual(["ok", "ok", "ok", "Throttling.User"]);
  f.emulator.setRateLimits(false);
  expect(await spend(200, (i) => create(api, GW, REGION, i))).not.toContain("Throttling.User");

  expect(optionsFromArgs(["--rate-limit-scale", "10"])).toMatchObject({ rateLimits: { scale: 10 } });
  expect(optionsFromArgs(["--rate-limit-scale", "0"])).toMatchObject({ rateLimits: false });
  const seed = join(tmpdir(), `rate-limit-seed-${process.pid}.json`);
  writeFileSync(seed, JSON.stringify({ rateLimits: { perMinute: { CreateVpnRouteEntry: 5 } } }));
  expect(optionsFromArgs(["--seed", seed])).toMatchObject({
    rateLimits: { perMinute: { CreateVpnRouteEntry: 5 } },
  });
});
