import {
  DeadlineExceededError,
  VpcApiError,
  VpcClient,
  getCallMetadata,
  isBusy,
  isNotFound,
  type VpcClientOptions,
} from "../../provider/api";
import {
  startApiServer,
  sendJson,
  apiError,
  paramsOf,
  type ApiServer,
  type Handler,
} from "./helpers/apiServer";
import { fakeTime } from "./helpers/fakeTime";
import { verifyAcs3, verifyRpc } from "./helpers/verifySignature";
import { withCallBudgetOff } from "./helpers/callBudgetOff";

// These suites pin the clock and record the retry loop's waits.
withCallBudgetOff();

const KEY = { accessKeyId: "LTAI-retry", accessKeySecret: "retry-secret" };
const SECRETS = { [KEY.accessKeyId]: KEY.accessKeySecret };
const GW = { RegionId: "cn-shanghai", VpnGatewayId: "vpn-gw9" };
const ROUTE = { ...GW, RouteDest: "192.168.10.0/24", NextHop: "vco-9", Weight: 100, PublishVpc: true };
const OK = { RequestId: "ok-1", VpnInstanceId: "vpn-gw9", RouteDest: "192.168.10.0/24", State: "published" };

describe("retries", () => {
  let server: ApiServer | undefined;
  let client: VpcClient | undefined;
  let time: ReturnType<typeof fakeTime>;

  async function setup(handler: Handler, options: Partial<VpcClientOptions> = {}) {
    server = await startApiServer(handler);
    time = fakeTime();
    // random 0.5: every backoff is half its ceiling, so the recorded sleeps are predictable.
    client = new VpcClient({
      endpoint: server.endpoint,
      credentials: KEY,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      ...options,
    });
    return { server, client };
  }

  afterEach(async () => {
    client?.destroy();
    await server?.close();
    server = undefined;
  });

  it.each(["ACS3", "RPC"] as const)(
    "%s: retries 503 and Throttling with a new nonce and signature each time, one ClientToken",
    async (signatureVersion) => {
      const { server, client } = await setup(
        (_req, res, n) => {
          if (n === 1) return apiError(res, 503, "ServiceUnavailable", "r-503");
          if (n === 2) return apiError(res, 400, "Throttling.User", "r-thr");
          return sendJson(res, 200, OK);
        },
        { signatureVersion, clock: () => new Date(Date.UTC(2024, 0, 15, 8, 30, 0)) },
      );
      const result = await client.createVpnRouteEntry(ROUTE);

      expect(result.RequestId).toBe("ok-1");
      expect(server.requests).toHaveLength(3);
      const nonces = server.requests.map((r) => r.headers["x-acs-signature-nonce"] ?? r.form.SignatureNonce);
      const signatures = server.requests.map((r) => r.headers.authorization ?? r.form.Signature);
      const tokens = server.requests.map((r) => paramsOf(r).ClientToken);
      expect(new Set(nonces).size).toBe(3);
      // Same pinned clock: signatures differ only because each attempt is signed afresh with its nonce.
      expect(new Set(signatures).size).toBe(3);
      expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(tokens)).toEqual(new Set([tokens[0]]));
      const verify = signatureVersion === "ACS3" ? verifyAcs3 : verifyRpc;
      for (const req of server.requests) expect(verify(req, SECRETS).ok).toBe(true);
      expect(getCallMetadata(result)).toEqual({
        attempts: 3,
        totalRetryDelayMs: 100 + 1000,
        requestId: "ok-1",
      });
      // 503 is transient (base 200 ms → half of 200); Throttling is slow (base 1000 ms, 2nd retry → half of 2000).
      expect(time.sleeps).toEqual([100, 1000]);
      // The metadata stays off the enumerable fields (it must not end up in Pulumi state).
      expect(Object.keys(result)).not.toContain("$metadata");
    },
  );

  it("honours x-acs-retry-after (seconds) instead of its own backoff", async () => {
    const { server, client } = await setup((_req, res, n) =>
      n === 1
        ? apiError(res, 400, "Throttling.Api", "r-1", {})
        : n === 2
          ? sendJson(
              res,
              503,
              { Code: "ServiceUnavailable", RequestId: "r-2" },
              { "x-acs-retry-after": "2.5" },
            )
          : sendJson(res, 200, { ...GW, Status: "active", RequestId: "r-3" }),
    );
    const gw = await client.describeVpnGateway(GW);
    expect(gw.Status).toBe("active");
    expect(server.requests).toHaveLength(3);
    expect(time.sleeps).toEqual([500, 2500]);
  });

  it("retry-after beyond the deadline fails at once instead of sleeping past it", async () => {
    const { server, client } = await setup(
      (_req, res) =>
        sendJson(res, 400, { Code: "Throttling", RequestId: "r" }, { "x-acs-retry-after": "120" }),
      { deadlineMs: 60_000 },
    );
    const err = await client.describeVpnGateway(GW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it("respects the overall deadline while the gateway stays busy (fake clock)", async () => {
    const { server, client } = await setup(
      (_req, res) => apiError(res, 400, "VpnGateway.Configuring", "busy-req"),
      {
        deadlineMs: 10_000,
      },
    );
    const err = (await client.createVpnRouteEntry(ROUTE).catch((e: unknown) => e)) as DeadlineExceededError;

    // Busy backoff ceilings 1000, 2000, 4000, 8000 ms at random 0.5: 500 + 1000 + 2000 = 3500, + 4000 = 7500;
    // the next wait (8000) would end past 10 000, so the loop stops after 5 attempts.
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(err.name).toBe("DeadlineExceededError");
    expect(server.requests).toHaveLength(5);
    expect(time.sleeps).toEqual([500, 1000, 2000, 4000]);
    expect(err.attempts).toBe(5);
    expect(err.totalRetryDelayMs).toBe(7500);
    expect(isBusy(err)).toBe(true);
    expect((err.cause as VpcApiError).code).toBe("VpnGateway.Configuring");
    expect(err.message).toContain("CreateVpnRouteEntry");
    expect(err.message).toContain("10000 ms");
    expect(err.message).toContain("busy-req");
    expect(time.elapsed()).toBeLessThanOrEqual(10_000);
  });

  it("config alicloud-vpn:deadlineSeconds sets the deadline when no option does", async () => {
    const { server, client } = await setup((_req, res) => apiError(res, 400, "VpnGateway.Configuring", "b"), {
      config: { "alicloud-vpn:deadlineSeconds": "2" },
    });
    await expect(client.createVpnRouteEntry(ROUTE)).rejects.toBeInstanceOf(DeadlineExceededError);
    // 500 + 1000 = 1500 fits in 2000 ms; the next wait (2000) would not.
    expect(time.sleeps).toEqual([500, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  it("bounds each attempt by the time left (real clock): a hung server cannot outlive the deadline", async () => {
    server = await startApiServer(() => {
      /* never answers */
    });
    client = new VpcClient({ endpoint: server.endpoint, credentials: KEY, deadlineMs: 300, random: () => 0 });
    const started = Date.now();
    const err = await client.describeVpnGateway(GW).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(((err as DeadlineExceededError).cause as VpcApiError).code).toBe("RequestTimeout");
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2_000);
  });

  it.each([
    [
      "socket destroyed after the headers",
      ((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
        res.flushHeaders();
        setTimeout(() => res.socket?.destroy(), 10);
      }) as Handler,
    ],
    [
      "socket destroyed after part of the body",
      ((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
        res.write('{"RequestId":"cut');
        setTimeout(() => res.socket?.destroy(), 10);
      }) as Handler,
    ],
    ["socket destroyed before any answer", ((_req, res) => res.socket?.destroy()) as Handler],
  ])("retries a connection reset mid-response: %s", async (_name, broken) => {
    const { server, client } = await setup((req, res, n) =>
      n === 1 ? broken(req, res, n) : sendJson(res, 200, OK),
    );
    const result = await client.createVpnRouteEntry(ROUTE);
    expect(result.State).toBe("published");
    expect(server.requests).toHaveLength(2);
    expect(getCallMetadata(result)?.attempts).toBe(2);
    expect(paramsOf(server.requests[1]).ClientToken).toBe(paramsOf(server.requests[0]).ClientToken);
  });

  /** A client on fake time at an endpoint nothing listens on (a port bound once, then closed). */
  async function clientOfClosedEndpoint(): Promise<{ endpoint: string; refused: VpcClient }> {
    const closed = await startApiServer(() => undefined);
    await closed.close();
    time = fakeTime();
    const refused = new VpcClient({
      endpoint: closed.endpoint,
      credentials: KEY,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
    });
    client = refused; // destroyed after the test
    return { endpoint: closed.endpoint, refused };
  }

  it("retries a refused connection (nothing listening) briefly, then fails naming the endpoint and its source", async () => {
    const { endpoint, refused } = await clientOfClosedEndpoint();
    const err = (await refused.describeVpnGateway(GW).catch((e: unknown) => e)) as VpcApiError;
    expect(err).toBeInstanceOf(VpcApiError);
    expect(err).toMatchObject({ code: "ECONNREFUSED", kind: "unreachable", attempts: 8 });
    // Ceilings 200, 400, ... at 0.5; the next wait (12800) would take the run of failures past 15 s, far
    // short of the 10-minute deadline: a wrong endpoint does not heal by waiting.
    expect(time.sleeps).toEqual([100, 200, 400, 800, 1600, 3200, 6400]);
    expect(err.message).toContain(
      `Nothing accepts connections at ${endpoint} (the VPC endpoint from client option \`endpoint\`)`,
    );
    expect(err.message).not.toContain("Raise the deadline");
  });

  it("fails a later call to an endpoint still unreachable within the first call's 15 s, not 15 s more", async () => {
    const { endpoint, refused } = await clientOfClosedEndpoint();
    // The first call (a gateway's first write) spends the 15 s; the writes queued behind it do not each spend them.
    const first = (await refused.createVpnRouteEntry(ROUTE).catch((e: unknown) => e)) as VpcApiError;
    expect(first).toMatchObject({ code: "ECONNREFUSED", attempts: 8 });
    const next = (await refused
      .createVpnRouteEntry({ ...ROUTE, RouteDest: "192.168.11.0/24" })
      .catch((e: unknown) => e)) as VpcApiError;
    expect(next).toMatchObject({ code: "ECONNREFUSED", kind: "unreachable" });
    expect(next.message).toContain(`Nothing accepts connections at ${endpoint}`);
    await expect(
      refused.createVpnRouteEntry({ ...ROUTE, RouteDest: "192.168.12.0/24" }),
    ).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    // The three calls' waits fit in one run of 15 s (the first alone waited 12.7 s of it); each counting its
    // own run, they waited 38.1 s.
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(15_000);
  });

  it("surfaces a final error at once (exactly 1 call) with action, code, RequestId and advice", async () => {
    const { server, client } = await setup((_req, res) =>
      apiError(res, 403, "Forbidden", "REQ-FORBIDDEN-1", {
        Message: "User not authorized to operate on the specified resource.",
        Recommend: "https://api.aliyun.com/troubleshoot?q=Forbidden",
      }),
    );
    const err = (await client
      .publishVpnRouteEntry({
        ...GW,
        RouteDest: "10.1.0.0/16",
        NextHop: "vco-1",
        RouteType: "dbr",
        PublishVpc: false,
      })
      .catch((e: unknown) => e)) as VpcApiError;
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
    expect(err).toBeInstanceOf(VpcApiError);
    expect(err.name).toBe("VpcApiError");
    expect(err).toMatchObject({
      action: "PublishVpnRouteEntry",
      code: "Forbidden",
      requestId: "REQ-FORBIDDEN-1",
      httpStatus: 403,
      kind: "final",
      attempts: 1,
      recommend: "https://api.aliyun.com/troubleshoot?q=Forbidden",
    });
    expect(err.message).toBe(
      "VPC API PublishVpnRouteEntry failed: Forbidden (HTTP 403, RequestId REQ-FORBIDDEN-1). " +
        "User not authorized to operate on the specified resource. " +
        'Either the caller lacks the RAM permission "vpc:PublishVpnRouteEntry" (grant it to the RAM user or role ' +
        'of the access key: a policy allowing "vpc:PublishVpnRouteEntry" on the gateway), or gateway vpn-gw9 ' +
        "belongs to another Alibaba Cloud account than the access key (use that account's credentials; the key " +
        "in use came from client option `credentials`), or it is not in region cn-shanghai (check the route's " +
        "region input, else alicloud:region, ALICLOUD_REGION or ALIBABA_CLOUD_REGION). " +
        "See https://api.aliyun.com/troubleshoot?q=Forbidden",
    );
  });

  it.each([
    ["InvalidAccessKeyId.NotFound", 404, "final", /Check the access key/],
    ["SignatureDoesNotMatch", 400, "final", /Check the access key/],
    ["VpnGateway.FinancialLocked", 400, "final", /overdue payment/],
    [
      "InvalidVpnGatewayInstanceId.NotFound",
      400,
      "notFound",
      /VPN gateway vpn-gw9 was not found in region cn-shanghai/,
    ],
    ["InvalidRouteEntry.NotFound", 404, "notFound", /no longer on the gateway/],
    ["IdempotentParameterMismatch", 400, "final", /ClientToken was reused/],
  ] as const)("%s (HTTP %d) is %s, tried once, and says what to do", async (code, status, kind, advice) => {
    const { server, client } = await setup((_req, res) => apiError(res, status, code, `req-${code}`));
    const err = (await client
      .deleteVpnRouteEntry({ ...GW, RouteDest: "10.2.0.0/16", NextHop: "vco-2", Weight: 0 })
      .catch((e: unknown) => e)) as VpcApiError;
    expect(server.requests).toHaveLength(1);
    expect(err.kind).toBe(kind);
    expect(isNotFound(err)).toBe(kind === "notFound");
    expect(err.message).toContain("DeleteVpnRouteEntry");
    expect(err.message).toContain(code);
    expect(err.message).toContain(`req-${code}`);
    expect(err.message).toMatch(advice);
  });

  it("a 200 with a body that is not JSON is a final InvalidResponse, not retried", async () => {
    const { server, client } = await setup((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>captive portal</html>");
    });
    await expect(client.describeVpnGateway(GW)).rejects.toMatchObject({
      code: "InvalidResponse",
      kind: "final",
    });
    expect(server.requests).toHaveLength(1);
  });

  it("a 502 HTML page from a proxy is retried (HTTP 5xx)", async () => {
    const { server, client } = await setup((_req, res, n) => {
      if (n > 1) return sendJson(res, 200, { ...GW, Status: "active", RequestId: "r" });
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>bad gateway</html>");
    });
    await client.describeVpnGateway(GW);
    expect(server.requests).toHaveLength(2);
  });

  it("an error thrown by a bug (not an API error) is never retried", async () => {
    let ids = 0;
    const { server, client } = await setup((_req, res) => apiError(res, 503, "ServiceUnavailable", "r"), {
      // The first id is the ClientToken, the second the first nonce; the third (the retry's nonce) blows up.
      idGenerator: () => {
        if (++ids === 3) throw new TypeError("bug in the id generator");
        return `id-${ids}`;
      },
    });
    await expect(client.createVpnRouteEntry(ROUTE)).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(1);
    expect(ids).toBe(3);
  });

  it("maxAttempts bounds retries besides the deadline, and the final error records them", async () => {
    const { server, client } = await setup((_req, res) => apiError(res, 500, "InternalError", "ie"), {
      maxAttempts: 3,
    });
    const err = (await client.describeVpnGateway(GW).catch((e: unknown) => e)) as VpcApiError;
    expect(server.requests).toHaveLength(3);
    expect(err.attempts).toBe(3);
    expect(err.totalRetryDelayMs).toBe(100 + 200);
    expect(err.message).toContain("after 3 attempts (300 ms of retry waits)");
  });

  it("reports each retry to onRetry", async () => {
    const events: Array<[string, number, number, string]> = [];
    const { client } = await setup(
      (_req, res, n) => (n < 3 ? apiError(res, 400, "TaskConflict", `t${n}`) : sendJson(res, 200, OK)),
      { onRetry: (e) => events.push([e.action, e.attempt, e.delayMs, e.error.code]) },
    );
    await client.createVpnRouteEntry(ROUTE);
    expect(events).toEqual([
      ["CreateVpnRouteEntry", 1, 500, "TaskConflict"],
      ["CreateVpnRouteEntry", 2, 1000, "TaskConflict"],
    ]);
  });
});
