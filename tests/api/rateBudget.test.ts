/**
 * Against the emulator at Alibaba's documented rate limits (60 CreateVpnRouteEntry per 60 s per account and
 * region): the client's budget queues a burst instead of letting the API throttle it.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CallBudget } from "../../provider/api/budget";
import { VpcClient } from "../../provider/api/client";

const REGION = "cn-hangzhou";
const GW = "vpn-budget000000000001";
const CALLS = 64;

let emulator: RunningEmulator;
/** The emulator's clock held still: its rate-limit buckets refill nothing meanwhile. */
let frozenAt: number | undefined;
beforeEach(async () => {
  emulator = await startEmulator({
    seed: 5,
    gateways: [{ vpnGatewayId: GW, regionId: REGION }],
    clock: () => frozenAt ?? Date.now(),
  });
});
afterEach(() => {
  frozenAt = undefined;
  return emulator.stop();
});

/** A dry-run create: the API counts it against the action's limit and changes nothing. */
const dryRunCreate = (client: VpcClient, i: number, clientToken?: string) =>
  client
    .invoke("CreateVpnRouteEntry", {
      ...(clientToken ? { ClientToken: clientToken } : {}),
      RegionId: REGION,
      VpnGatewayId: GW,
      RouteDest: `10.${i}.0.0/24`,
      NextHop: "vco-a",
      Weight: 100,
      PublishVpc: true,
      DryRun: true,
    })
    .then(
      () => "ok",
      (e: { code: string }) => e.code,
    );

async function burst(env: NodeJS.ProcessEnv): Promise<string[]> {
  const budget = new CallBudget({ now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
  // Two clients of one process share the budget, as the provider's clients do.
  const clients = [1, 2].map(
    () =>
      new VpcClient({
        endpoint: emulator.endpoint,
        credentials: emulator.credentials,
        env,
        budget,
        maxAttempts: 1,
      }),
  );
  try {
    return await Promise.all(Array.from({ length: CALLS }, (_, i) => dryRunCreate(clients[i % 2], i)));
  } finally {
    clients.forEach((c) => c.destroy());
  }
}

test("a burst past the limit queues in the client: every call answered, none throttled", async () => {
  const codes = await burst({});
  expect(codes).toEqual(Array(CALLS).fill("DryRunOperation"));
  expect(emulator.requestLog().filter((e) => e.rateLimited)).toEqual([]);
  expect(emulator.counts().CreateVpnRouteEntry).toBe(CALLS);
});

test("without the budget (ALICLOUD_VPN_RATE_LIMITS=off) the same burst is throttled by the API", async () => {
  const codes = await burst({ ALICLOUD_VPN_RATE_LIMITS: "off" });
  expect(codes.filter((c) => c === "Throttling.User")).toHaveLength(CALLS - 60);
});

test("two processes' budgets on one account's limit: each is throttled, cuts its pace, and every call is answered", async () => {
  // Two budgets, as two provider processes have, at 300 creates a minute (emulator and clients alike); each
  // process makes its calls 8 at a time, as a provider writes to 8 gateways.
  const LIMIT = 300;
  const LANES = 8;
  const PER_LANE = 25;
  emulator.setRateLimits({ perMinute: { CreateVpnRouteEntry: LIMIT } });
  const env = { ALICLOUD_VPN_RATE_LIMITS: JSON.stringify({ CreateVpnRouteEntry: LIMIT }) };
  const processes = [0, 1].map(() => {
    const budget = new CallBudget({ now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const client = new VpcClient({
      endpoint: emulator.endpoint,
      credentials: emulator.credentials,
      env,
      budget,
    });
    return { budget, client };
  });
  const lane = async (client: VpcClient, first: number) => {
    const codes: string[] = [];
    // A dry run creates nothing: destinations may repeat. With a ClientToken it is a write, whose pace adapts.
    for (let i = 0; i < PER_LANE; i++) {
      codes.push(await dryRunCreate(client, (first + i) % 200, `budget-${first + i}`));
    }
    return codes;
  };
  try {
    const codes = await Promise.all(
      processes.flatMap(({ client }, p) =>
        Array.from({ length: LANES }, (_, l) => lane(client, (p * LANES + l) * PER_LANE)),
      ),
    );
    expect(codes.flat()).toEqual(Array(2 * LANES * PER_LANE).fill("DryRunOperation"));
    // Each process learned of the other from throttle answers alone, and paces itself below the whole limit.
    const key = `key:${emulator.credentials.accessKeyId}\n${REGION}\nCreateVpnRouteEntry`;
    for (const { budget } of processes) expect(budget.shareOf(key)).toBeLessThan(1);
    expect(emulator.requestLog().some((e) => e.rateLimited)).toBe(true);
  } finally {
    processes.forEach(({ client }) => client.destroy());
  }
}, 60_000);

test("the service's own throttle (Throttling) is retried without cutting the pace; the account's (Throttling.User) cuts it", async () => {
  const budget = new CallBudget({ now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
  // Each throttle lifted as soon as the client sees it, so the retry is answered.
  let lift = () => {};
  const client = new VpcClient({
    endpoint: emulator.endpoint,
    credentials: emulator.credentials,
    budget,
    onRetry: () => lift(),
  });
  const key = `key:${emulator.credentials.accessKeyId}\n${REGION}\nCreateVpnRouteEntry`;
  const throttles = () => emulator.requestLog().filter((e) => e.code?.startsWith("Throttling"));
  try {
    // A write (ClientToken) throttled by the fault mode, which answers as the service's flow control.
    emulator.setFaults({ throttlePct: 100 });
    lift = () => emulator.setFaults({});
    expect(await dryRunCreate(client, 1, "budget-service")).toBe("DryRunOperation");
    expect(throttles().map((e) => e.code)).toEqual(["Throttling"]);
    expect(budget.shareOf(key)).toBe(1);
    // The account's limit (60 a minute), spent by another client: this one's write is throttled, its pace cut.
    // The clock held still, so that no token comes back between the other's last call and this one's.
    frozenAt = Date.now();
    const other = new VpcClient({
      endpoint: emulator.endpoint,
      credentials: emulator.credentials,
      env: { ALICLOUD_VPN_RATE_LIMITS: "off" },
      maxAttempts: 1,
    });
    for (let i = 2; (await dryRunCreate(other, i)) !== "Throttling.User"; i++);
    other.destroy();
    lift = () => {
      frozenAt = undefined;
      emulator.setRateLimits({});
    };
    expect(await dryRunCreate(client, 10, "budget-account")).toBe("DryRunOperation");
    expect(throttles().map((e) => e.code)).toEqual(["Throttling", "Throttling.User", "Throttling.User"]);
    expect(budget.shareOf(key)).toBeLessThan(1);
  } finally {
    client.destroy();
  }
}, 30_000);
