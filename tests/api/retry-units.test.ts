import {
  AlicloudVpnError,
  BackoffPolicy,
  ConfigurationError,
  CredentialFetchError,
  CredentialsNotFoundError,
  DeadlineExceededError,
  InsecureEndpointError,
  OperationCancelledError,
  RegionNotFoundError,
  VpcApiError,
  classifyError,
  isBusy,
  isNotFound,
  runWithRetries,
  toWireParams,
} from "../../provider/api";

describe("classifyError (pure)", () => {
  it.each([
    ["Throttling", 400, "retryable"],
    ["Throttling.User", 400, "retryable"],
    ["Throttling.Api", 503, "retryable"],
    ["ServiceUnavailable", 503, "retryable"],
    ["InternalError", 500, "retryable"],
    ["LastTokenProcessing", 400, "retryable"],
    ["SomethingNew", 502, "retryable"],
    ["VpnGateway.Configuring", 400, "busy"],
    ["TaskConflict", 400, "busy"],
    ["Appliance.Configuring", 400, "busy"],
    ["VpnTask.CONFLICT", 400, "busy"],
    ["VpnConnection.Configuring", 400, "busy"],
    ["VpnRouteEntry.Configuring", 400, "busy"],
    ["InvalidVpnGatewayInstanceId.NotFound", 404, "notFound"],
    ["InvalidVpnGatewayInstanceId.NotFound", 400, "notFound"],
    ["InvalidRouteEntry.NotFound", 404, "notFound"],
    ["InvalidVpnInstanceId.NotFound", 400, "notFound"],
    ["InvalidRegionId.NotFound", 400, "notFound"],
    ["InvalidAccessKeyId.NotFound", 404, "final"],
    ["Forbidden", 403, "final"],
    ["SignatureDoesNotMatch", 400, "final"],
    ["VpnGateway.FinancialLocked", 400, "final"],
    ["IdempotentParameterMismatch", 400, "final"],
    ["InvalidParameter", 400, "final"],
  ] as const)("%s (HTTP %d) → %s", (code, httpStatus, kind) => {
    expect(classifyError({ code, httpStatus })).toBe(kind);
  });

  it.each([
    ["ECONNRESET", "retryable"],
    ["ECONNREFUSED", "unreachable"],
    ["ENOTFOUND", "unreachable"],
    ["EAI_AGAIN", "unreachable"],
    ["EPROTO", "unreachable"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "unreachable"],
    ["RequestTimeout", "retryable"],
    ["ResponseAborted", "retryable"],
    ["CERT_HAS_EXPIRED", "unreachable"],
    ["ERR_INVALID_URL", "final"],
  ] as const)("network %s (no HTTP status) → %s", (code, kind) => {
    expect(classifyError({ code })).toBe(kind);
  });
});

describe("BackoffPolicy", () => {
  it("full jitter below a capped exponential ceiling, with injectable randomness", () => {
    const top = new BackoffPolicy({
      random: () => 0.999999,
      baseDelayMs: 100,
      slowBaseDelayMs: 1000,
      maxDelayMs: 5000,
    });
    expect([1, 2, 3, 4, 5, 10].map((n) => top.ceiling(n, "retryable"))).toEqual([
      100, 200, 400, 800, 1600, 5000,
    ]);
    expect([1, 2, 3, 4].map((n) => top.ceiling(n, "busy"))).toEqual([1000, 2000, 4000, 5000]);
    expect(top.ceiling(1, "retryable", "Throttling.User")).toBe(1000);
    expect(top.delayMs(3, "retryable")).toBe(399);
    const bottom = new BackoffPolicy({ random: () => 0 });
    expect(bottom.delayMs(7, "busy")).toBe(0);
    expect(bottom.delayMs(1, "busy", "", 4200)).toBe(4200);
  });
});

describe("runWithRetries", () => {
  const apiErr = (code: string, kind: VpcApiError["kind"]) =>
    new VpcApiError({ action: "A", code, apiMessage: "m", kind, httpStatus: 400, requestId: "rid" });
  const loopOptions = (now: { t: number }, sleeps: number[], budgetMs = 10_000) => ({
    action: "A",
    deadline: { at: now.t + budgetMs, budgetMs },
    policy: new BackoffPolicy({ random: () => 0.5 }),
    now: () => now.t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now.t += ms;
    },
  });

  it("records attempts and total delay on the result", async () => {
    const now = { t: 0 };
    const sleeps: number[] = [];
    let n = 0;
    const out = await runWithRetries(
      async () => {
        if (++n < 3) throw apiErr("InternalError", "retryable");
        return "done";
      },
      loopOptions(now, sleeps),
    );
    expect(out).toEqual({ value: "done", metadata: { attempts: 3, totalRetryDelayMs: 300 } });
    expect(sleeps).toEqual([100, 200]);
  });

  it("never retries a non-API error (a bug) nor a final or notFound API error", async () => {
    for (const thrown of [
      new TypeError("bug"),
      apiErr("Forbidden", "final"),
      apiErr("X.NotFound", "notFound"),
    ]) {
      let calls = 0;
      const err = await runWithRetries(
        async () => {
          calls++;
          throw thrown;
        },
        loopOptions({ t: 0 }, []),
      ).catch((e: unknown) => e);
      expect(err).toBe(thrown);
      expect(calls).toBe(1);
    }
  });

  it("passes each attempt the time left before the deadline", async () => {
    const now = { t: 0 };
    const remaining: number[] = [];
    await runWithRetries(
      async (_n, left) => {
        remaining.push(left);
        if (remaining.length < 3) throw apiErr("VpnGateway.Configuring", "busy");
      },
      loopOptions(now, [], 10_000),
    );
    expect(remaining).toEqual([10_000, 9_500, 8_500]);
  });

  it("isBusy sees through a deadline error; isNotFound only matches not-found API errors", () => {
    const busy = apiErr("TaskConflict", "busy");
    const deadline = new DeadlineExceededError({
      action: "A",
      deadlineMs: 1,
      attempts: 2,
      totalRetryDelayMs: 1,
      lastError: busy,
    });
    expect(isBusy(busy)).toBe(true);
    expect(isBusy(deadline)).toBe(true);
    expect(isBusy(new Error("x"))).toBe(false);
    expect(isNotFound(apiErr("InvalidRouteEntry.NotFound", "notFound"))).toBe(true);
    expect(isNotFound(busy)).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });
});

describe("the error classes", () => {
  it("all extend AlicloudVpnError, each under its own literal name, messages unchanged", () => {
    const errors: Array<[Error, string, string]> = [
      [
        new VpcApiError({ action: "A", code: "Forbidden", apiMessage: "m", kind: "final", httpStatus: 403 }),
        "VpcApiError",
        "VPC API A failed: Forbidden (HTTP 403, RequestId none). m.",
      ],
      [
        new DeadlineExceededError({ action: "A", deadlineMs: 5, attempts: 2, totalRetryDelayMs: 3 }),
        "DeadlineExceededError",
        "VPC API A did not complete within its deadline of 5 ms (2 attempts, 3 ms of retry waits).",
      ],
      [new OperationCancelledError("A"), "OperationCancelledError", "VPC API A was cancelled"],
      [new ConfigurationError("here", "bad"), "ConfigurationError", "Invalid configuration in here: bad"],
      [
        new CredentialsNotFoundError(["x"]),
        "CredentialsNotFoundError",
        "No Alibaba Cloud credentials found.",
      ],
      [new CredentialFetchError("no STS"), "CredentialFetchError", "no STS"],
      [
        new InsecureEndpointError("http://h", "s"),
        "InsecureEndpointError",
        "Refusing plain http to http://h",
      ],
      [new RegionNotFoundError("A", ["x"]), "RegionNotFoundError", "No region for VPC API A."],
    ];
    for (const [err, name, says] of errors) {
      expect(err).toBeInstanceOf(AlicloudVpnError);
      expect(err.name).toBe(name);
      expect(err.message).toContain(says);
    }
  });
});

describe("toWireParams", () => {
  it("booleans as true/false, numbers as decimal strings, undefined and null dropped", () => {
    expect(
      toWireParams({
        PublishVpc: true,
        DryRun: false,
        Weight: 0,
        Priority: 100,
        Big: 1e21,
        Description: undefined,
        X: null,
        S: "s",
      }),
    ).toEqual({
      PublishVpc: "true",
      DryRun: "false",
      Weight: "0",
      Priority: "100",
      Big: "1000000000000000000000",
      S: "s",
    });
    expect(() => toWireParams({ Weight: NaN })).toThrow(TypeError);
    expect(() => toWireParams({ Weight: { a: 1 } })).toThrow(TypeError);
  });
});
