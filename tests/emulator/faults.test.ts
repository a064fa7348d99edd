/** Injected faults: deterministic from a seed, changeable while running, only for authenticated requests. */
import type { RunningEmulator } from "../../emulator";
import { type Driver, failure, popCore, vpcSdk } from "./helpers/drivers";
import { type Fixture, fixture, GW, onGw } from "./helpers/fixture";
import { rawRpc } from "./helpers/raw";

const ROUTE = { RouteDest: "10.0.0.0/24", NextHop: "vco-a", Weight: 100, PublishVpc: true };

let f: Fixture;
let api: Driver;
beforeEach(async () => {
  f = await fixture();
  api = popCore(f.emulator);
});
afterEach(() => f.emulator.stop());

/** The code of each of n DescribeVpnGateway calls ("OK" on success). */
async function outcomes(emulator: RunningEmulator, n: number): Promise<string[]> {
  const driver = popCore(emulator);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      await driver.call("DescribeVpnGateway", onGw()).then(
        () => "OK",
        (e) => e.code ?? e.message,
      ),
    );
  }
  return out;
}

test("a lost response after commit, retried with the same ClientToken, creates the route exactly once", async () => {
  f.emulator.setFaults({ resetAfterApplyPct: 100 });
  const lost = await failure(api.call("CreateVpnRouteEntry", onGw({ ...ROUTE, ClientToken: "once" })));
  expect(lost).toMatchObject({ code: expect.stringMatching(/ECONNRESET|socket hang up/i) });
  expect(f.emulator.routes(GW)).toHaveLength(1);
  f.emulator.setFaults({});
  // The gateway is still updating; the retry is answered from the token, not refused.
  const retried = await api.call("CreateVpnRouteEntry", onGw({ ...ROUTE, ClientToken: "once" }));
  expect(retried).toMatchObject({
    RouteDest: "10.0.0.0/24",
    CreateTime: f.emulator.routes(GW)[0].CreateTime,
  });
  expect(f.emulator.routes(GW)).toHaveLength(1);
  expect(f.emulator.counts().CreateVpnRouteEntry).toBe(2);
  expect(f.emulator.requestLog().map((e) => [e.status, e.fault])).toEqual([
    [0, "reset-after"],
    [200, undefined],
  ]);
});

test("without a ClientToken the same retry is refused (the gateway is busy, then the route exists)", async () => {
  f.emulator.setFaults({ resetAfterApplyPct: 100 });
  await failure(api.call("CreateVpnRouteEntry", onGw(ROUTE)));
  f.emulator.setFaults({});
  expect(await failure(api.call("CreateVpnRouteEntry", onGw(ROUTE)))).toMatchObject({
    code: "VpnGateway.Configuring",
  });
  f.settle();
  expect(await failure(api.call("CreateVpnRouteEntry", onGw(ROUTE)))).toMatchObject({
    code: "VpnRouteEntry.AlreadyExists",
  });
});

test("a reset before apply leaves nothing behind", async () => {
  f.emulator.setFaults({ resetBeforeApplyPct: 100 });
  await failure(vpcSdk(f.emulator).call("CreateVpnRouteEntry", onGw(ROUTE)));
  expect(f.emulator.routes(GW)).toHaveLength(0);
  expect(f.emulator.gateway(GW)!.Status).toBe("active");
  f.emulator.setFaults({});
  await api.call("CreateVpnRouteEntry", onGw(ROUTE));
  expect(f.emulator.routes(GW)).toHaveLength(1);
});

test("a throttling fault is the service's Throttling (400) with x-acs-retry-after, as the ACS3 SDK reads it", async () => {
  f.emulator.setFaults({ throttlePct: 100, retryAfterSeconds: 3 });
  const err = await failure(vpcSdk(f.emulator).call("CreateVpnRouteEntry", onGw(ROUTE)));
  // Not Throttling.User: that is the account's limit (rateLimits), which every process of the account shares.
  expect(err).toMatchObject({ code: "Throttling", status: 400, retryAfter: 3 });
  const raw = await rawRpc(f.emulator, "DescribeVpnGateway", onGw() as Record<string, string>);
  expect([raw.status, raw.headers["x-acs-retry-after"]]).toEqual([400, "3"]);
  expect(f.emulator.routes(GW)).toHaveLength(0);
});

test("server errors are ServiceUnavailable (503) or InternalError (500)", async () => {
  f.emulator.setFaults({ serverErrorPct: 100, seed: 5 });
  const seen = new Map<string, number>();
  for (let i = 0; i < 12; i++) {
    const err = await failure(api.call("DescribeVpnGateway", onGw()));
    seen.set(err.code, err.status);
  }
  expect(Object.fromEntries(seen)).toEqual({ ServiceUnavailable: 503, InternalError: 500 });
});

test("the same fault seed gives the same faults in the same order; faults can change while running", async () => {
  const faults = { seed: 99, throttlePct: 30, serverErrorPct: 20 };
  const other = await fixture({ faults });
  try {
    f.emulator.setFaults(faults);
    const a = await outcomes(f.emulator, 30);
    const b = await outcomes(other.emulator, 30);
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set(["OK", "Throttling", "ServiceUnavailable", "InternalError"]));
    f.emulator.setFaults({});
    expect(new Set(await outcomes(f.emulator, 5))).toEqual(new Set(["OK"]));
    other.emulator.reset();
    expect(await outcomes(other.emulator, 30)).toEqual(a);
  } finally {
    await other.emulator.stop();
  }
});

test("faults apply only to authenticated requests", async () => {
  f.emulator.setFaults({ throttlePct: 100, resetBeforeApplyPct: 100 });
  const forged = popCore(f.emulator, "POST", {
    accessKeyId: f.emulator.credentials.accessKeyId,
    accessKeySecret: "wrong",
  });
  expect(await failure(forged.call("DescribeVpnGateway", onGw()))).toMatchObject({
    code: "SignatureDoesNotMatch",
  });
});

test("added latency delays the answer", async () => {
  f.emulator.setFaults({ latencyMs: 60 });
  const started = Date.now();
  await api.call("DescribeVpnGateway", onGw());
  expect(Date.now() - started).toBeGreaterThanOrEqual(55);
});
