import { DeadlineExceededError, VpcClient, getCallMetadata } from "../../provider/api";
import {
  startApiServer,
  sendJson,
  apiError,
  actionOf,
  type ApiServer,
  type Handler,
} from "./helpers/apiServer";
import { fakeTime } from "./helpers/fakeTime";
import { withCallBudgetOff } from "./helpers/callBudgetOff";

// These suites pin the clock and record the retry loop's waits.
withCallBudgetOff();

const KEY = { accessKeyId: "id-p", accessKeySecret: "secret-p" };
const GW = { RegionId: "cn-hangzhou", VpnGatewayId: "vpn-p1" };

function routes(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    VpnInstanceId: GW.VpnGatewayId,
    RouteDest: `10.${Math.floor(i / 256)}.${i % 256}.0/24`,
    NextHop: "vco-1",
    Weight: 100,
    State: "published",
    CreateTime: 1_700_000_000_000 + i,
  }));
}

/** Serves `all` the way the API pages: PageNumber/PageSize from the query, TotalCount = `reportedTotal`. */
function pagingHandler(all: unknown[], outer: string, inner: string, reportedTotal = all.length): Handler {
  return (req, res) => {
    const pageNumber = Number(req.query.PageNumber ?? 1);
    const pageSize = Number(req.query.PageSize ?? 10);
    const entries = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    sendJson(res, 200, {
      RequestId: `page-${pageNumber}`,
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: reportedTotal,
      [outer]: { [inner]: entries },
    });
  };
}

describe("listings", () => {
  let server: ApiServer;
  let client: VpcClient;
  async function setup(handler: Handler, extra = {}) {
    server = await startApiServer(handler);
    client = new VpcClient({ endpoint: server.endpoint, credentials: KEY, ...extra });
  }
  afterEach(async () => {
    client?.destroy();
    await server?.close();
  });

  it("a listing over 3 pages fetches exactly 3 pages with PageSize 50", async () => {
    const all = routes(120);
    await setup(pagingHandler(all, "VpnRouteEntries", "VpnRouteEntry"));
    const got = await client.describeVpnRouteEntries(GW);
    expect(got).toEqual(all);
    expect(server.requests.map((r) => [r.query.PageNumber, r.query.PageSize])).toEqual([
      ["1", "50"],
      ["2", "50"],
      ["3", "50"],
    ]);
    expect(server.requests.every((r) => actionOf(r) === "DescribeVpnRouteEntries")).toBe(true);
    expect(server.requests.every((r) => r.query.ClientToken === undefined)).toBe(true);
  });

  it("exactly 50 entries take one page; none take one page", async () => {
    await setup(pagingHandler(routes(50), "VpnRouteEntries", "VpnRouteEntry"));
    expect(await client.describeVpnRouteEntries(GW)).toHaveLength(50);
    expect(server.requests).toHaveLength(1);
    await server.close();
    client.destroy();
    await setup(pagingHandler([], "VpnRouteEntries", "VpnRouteEntry"));
    expect(await client.describeVpnRouteEntries({ ...GW, RouteEntryType: "bgp" })).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].query.RouteEntryType).toBe("bgp");
  });

  it("stops on an empty page even when TotalCount claims more (cannot loop)", async () => {
    await setup(pagingHandler(routes(60), "VpnRouteEntries", "VpnRouteEntry", 1000));
    const got = await client.describeVpnRouteEntries(GW);
    expect(got).toHaveLength(60);
    // pages 1 (50), 2 (10), 3 (empty) → stop
    expect(server.requests).toHaveLength(3);
  });

  it("stops after the pages TotalCount implies, even if a server returns short pages forever", async () => {
    const short = routes(10);
    await setup((req, res) =>
      sendJson(res, 200, {
        RequestId: "r",
        PageNumber: Number(req.query.PageNumber),
        PageSize: 50,
        TotalCount: 120,
        VpnRouteEntries: { VpnRouteEntry: short },
      }),
    );
    expect(await client.describeVpnRouteEntries(GW)).toHaveLength(30);
    // ceil(120 / 50) = 3 pages at most
    expect(server.requests).toHaveLength(3);
  });

  it("policy routes page the same way, with their own wrapper names", async () => {
    const all = routes(101).map((r, i) => ({ ...r, RouteSource: `192.168.${i % 256}.0/24`, Priority: 10 }));
    await setup(pagingHandler(all, "VpnPbrRouteEntries", "VpnPbrRouteEntry"));
    expect(await client.describeVpnPbrRouteEntries(GW)).toEqual(all);
    expect(server.requests.map((r) => r.query.PageNumber)).toEqual(["1", "2", "3"]);
  });

  it("one page on request, with its counts and call metadata", async () => {
    await setup(pagingHandler(routes(30), "VpnRouteEntries", "VpnRouteEntry"));
    const page = await client.describeVpnRouteEntriesPage({ ...GW, PageNumber: 2, PageSize: 20 });
    expect(page).toMatchObject({ RequestId: "page-2", PageNumber: 2, PageSize: 20, TotalCount: 30 });
    expect(page.entries).toHaveLength(10);
    expect(getCallMetadata(page)).toEqual({ attempts: 1, totalRetryDelayMs: 0, requestId: "page-2" });
  });

  it("a throttled page is retried and the listing still completes", async () => {
    const inner = pagingHandler(routes(70), "VpnRouteEntries", "VpnRouteEntry");
    const time = fakeTime();
    await setup((req, res, n) => (n === 2 ? apiError(res, 400, "Throttling", "thr") : inner(req, res, n)), {
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
    });
    expect(await client.describeVpnRouteEntries(GW)).toHaveLength(70);
    expect(server.requests.map((r) => r.query.PageNumber)).toEqual(["1", "2", "2"]);
    expect(time.sleeps).toEqual([500]);
  });
});

describe("waitForGatewayActive", () => {
  let server: ApiServer;
  let client: VpcClient;
  /** A client on the pinned clock whose sleeps are recorded. */
  const timedClient = () => {
    const time = fakeTime();
    client = new VpcClient({
      endpoint: server.endpoint,
      credentials: KEY,
      clock: time.clock,
      sleep: time.sleep,
    });
    return time;
  };
  /** Busy, then a throttled look (x-acs-retry-after: 1 s), then active. */
  const busyThenThrottledThenActive: Handler = (_req, res, n) =>
    n === 2
      ? sendJson(res, 400, { Code: "Throttling.User", RequestId: "r2" }, { "x-acs-retry-after": "1" })
      : sendJson(res, 200, { RequestId: `r${n}`, Status: n === 1 ? "updating" : "active" });
  afterEach(async () => {
    client?.destroy();
    await server?.close();
  });

  it("polls DescribeVpnGateway until active, with a growing interval", async () => {
    const statuses = ["updating", "updating", "updating", "active"];
    server = await startApiServer((_req, res, n) =>
      sendJson(res, 200, { RequestId: `r${n}`, VpnGatewayId: "vpn-p1", Status: statuses[n - 1] }),
    );
    const time = timedClient();
    await client.waitForGatewayActive(GW, { pollMs: 100 });
    expect(server.requests).toHaveLength(4);
    expect(server.requests.every((r) => actionOf(r) === "DescribeVpnGateway")).toBe(true);
    expect(time.sleeps).toEqual([100, 150, 225]);
  });

  it("reports when it last saw the gateway busy and when it saw it active", async () => {
    // Busy, then a throttled look (retried after x-acs-retry-after: 1 s), then active.
    server = await startApiServer(busyThenThrottledThenActive);
    const time = timedClient();
    const start = time.clock().getTime();
    const seen = await client.waitForGatewayActive(GW, { pollMs: 100, pollGrowth: 1.1 });
    expect(time.sleeps).toEqual([100, 1000]);
    // Asked at +100 ms, throttled, asked again and answered at +1100 ms: active as of then, not of +100 ms.
    expect({ lastBusy: seen.lastBusyAt! - start, activeSeen: seen.activeSeenAt - start }).toEqual({
      lastBusy: 0,
      activeSeen: 1100,
    });
  });

  it("with releaseOnThrottleAfter, ends at a throttled look instead of waiting out its x-acs-retry-after", async () => {
    // Busy, then throttled: the same script as above, where the plain wait slept the throttle's 1 s.
    server = await startApiServer(busyThenThrottledThenActive);
    const time = timedClient();
    const seen = await client.waitForGatewayActive(GW, { pollMs: 100, releaseOnThrottleAfter: 0 });
    expect(seen.throttled).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(time.sleeps).toEqual([100]);
  });

  it("ends a wait whose look was throttled before releaseOnThrottleAfter at that time, without asking again", async () => {
    server = await startApiServer(busyThenThrottledThenActive);
    const time = timedClient();
    const start = time.clock().getTime();
    const seen = await client.waitForGatewayActive(GW, {
      pollMs: 100,
      releaseOnThrottleAfter: start + 1_000,
    });
    expect(seen.throttled).toBe(true);
    expect(server.requests).toHaveLength(2);
    // Throttled at +100 ms: sleeps the 900 ms to the release time, not the x-acs-retry-after to ask again.
    expect(time.sleeps).toEqual([100, 900]);
  });

  it("with releaseOnThrottleAfter, still retries a server error of a look", async () => {
    server = await startApiServer((_req, res, n) =>
      n === 1
        ? sendJson(res, 503, { Code: "ServiceUnavailable", RequestId: "r1" })
        : sendJson(res, 200, { RequestId: `r${n}`, Status: "active" }),
    );
    timedClient();
    const seen = await client.waitForGatewayActive(GW, { pollMs: 100, releaseOnThrottleAfter: 0 });
    expect(seen.throttled).toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it("grows its interval by the factor it is given", async () => {
    const statuses = ["updating", "updating", "updating", "active"];
    server = await startApiServer((_req, res, n) =>
      sendJson(res, 200, { RequestId: `r${n}`, Status: statuses[n - 1] }),
    );
    const time = timedClient();
    const seen = await client.waitForGatewayActive(GW, { pollMs: 100, pollGrowth: 1.1 });
    expect(time.sleeps).toEqual([100, 110, 121]);
    expect(seen.lastBusyAt).toBeDefined();
  });

  it("returns after one call when the gateway is already active", async () => {
    server = await startApiServer((_req, res) => sendJson(res, 200, { RequestId: "r", Status: "active" }));
    const time = timedClient();
    const seen = await client.waitForGatewayActive(GW);
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
    expect(seen.lastBusyAt).toBeUndefined();
  });

  it("gives up at its deadline, naming the gateway and the last status", async () => {
    server = await startApiServer((_req, res) => sendJson(res, 200, { RequestId: "r", Status: "updating" }));
    const time = timedClient();
    const err = (await client
      .waitForGatewayActive(GW, { deadlineMs: 5_000, pollMs: 1_000 })
      .catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(err.message).toContain("vpn-p1 to become active (last status: updating)");
    // waits 1000 + 1500 + 2250 = 4750 fit in 5000 ms; the next (3375) would not, so it stops after 4 polls.
    expect(time.sleeps).toEqual([1000, 1500, 2250]);
    expect(server.requests).toHaveLength(4);
    expect(time.elapsed()).toBeLessThanOrEqual(5_000);
  });
});
