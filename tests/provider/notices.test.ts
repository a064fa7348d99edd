/**
 * Notices: what the provider tells the user while it waits on the API for a reason they may act on, at most
 * once per kind of wait and action every 30 s.
 */
import { VpcApiError } from "../../provider/api/errors";
import type { ErrorKind } from "../../provider/api/codes";
import { NOTICE_INTERVAL_MS, Notices } from "../../provider/runtime/notices";

function notices() {
  const lines: string[] = [];
  let now = 1_000_000;
  const n = new Notices(
    (line) => lines.push(line),
    () => now,
  );
  return { n, lines, advance: (ms: number) => (now += ms) };
}

const failure = (
  code: string,
  kind: ErrorKind,
  extra: Partial<ConstructorParameters<typeof VpcApiError>[0]> = {},
) =>
  new VpcApiError({
    action: "CreateVpnRouteEntry",
    code,
    apiMessage: "m",
    kind,
    context: { regionId: "cn-hangzhou", endpoint: "https://vpc.cn-hangzhou.aliyuncs.com" },
    ...extra,
  });

describe("notices", () => {
  it("tells a budget wait of a second or more, with the limit and the setting that raises it", () => {
    const { n, lines } = notices();
    const wait = (waitMs: number, afterThrottle = false) =>
      n.budgetWait({
        action: "CreateVpnRouteEntry",
        regionId: "cn-hangzhou",
        perMinute: 60,
        waitMs,
        afterThrottle,
      });
    wait(999);
    // A wait that keeps the API's throttle (its retry-after) belongs to the throttle, told as a retry.
    wait(5_000, true);
    expect(lines).toEqual([]);
    wait(12_400);
    expect(lines).toEqual([
      "alicloud-vpn: CreateVpnRouteEntry calls in cn-hangzhou wait their turn under the API's rate limit " +
        '(60 a minute for this account): this one for 12 s. If Alibaba raised the account\'s limits, say so in alicloud-vpn:rateLimits, e.g. {"scale": 2}.',
    ]);
  });

  it("says each kind of wait once per action in 30 s, then twice as long each time up to 5 minutes; other actions and regions have their own", () => {
    const { n, lines, advance } = notices();
    const wait = (action: string, regionId = "cn-hangzhou") =>
      n.budgetWait({ action, regionId, perMinute: 60, waitMs: 5_000, afterThrottle: false });
    wait("CreateVpnRouteEntry");
    advance(NOTICE_INTERVAL_MS - 1);
    wait("CreateVpnRouteEntry");
    wait("DeleteVpnRouteEntry");
    wait("CreateVpnRouteEntry", "cn-shanghai");
    expect(lines.map((l) => /: (\w+) calls in ([\w-]+)/.exec(l)?.slice(1).join(" "))).toEqual([
      "CreateVpnRouteEntry cn-hangzhou",
      "DeleteVpnRouteEntry cn-hangzhou",
      "CreateVpnRouteEntry cn-shanghai",
    ]);
    // A queue that lasts 17 minutes (1,000 creates at 60 a minute), asked every second: told at 0, 30, 90,
    // 210, 450, 750 s (quiet 30, 60, 120, 240, 300 s), then every 5 minutes.
    const { n: queue, lines: told, advance: tick } = notices();
    const toldAt: number[] = [];
    for (let s = 0; s < 17 * 60; s++) {
      const before = told.length;
      queue.budgetWait({
        action: "CreateVpnRouteEntry",
        regionId: "cn-hangzhou",
        perMinute: 60,
        waitMs: 5_000,
        afterThrottle: false,
      });
      if (told.length > before) toldAt.push(s);
      tick(1_000);
    }
    expect(toldAt).toEqual([0, 30, 90, 210, 450, 750]);
  });

  it("tells throttles, unreachable endpoints and server errors; a busy gateway is every write's wait", () => {
    const { n, lines } = notices();
    const retry = (error: VpcApiError, delayMs = 1_000) =>
      n.retry({ action: error.action, attempt: 1, delayMs, error });
    retry(failure("VpnGateway.Configuring", "busy"));
    expect(lines).toEqual([]);
    retry(failure("Throttling.User", "retryable"));
    retry(failure("ECONNREFUSED", "unreachable"), 400);
    // A 5xx says nothing until a third attempt has failed too: one its retry clears is no news.
    const serverError = failure("ServiceUnavailable", "retryable", { httpStatus: 503 });
    n.retry({ action: serverError.action, attempt: 2, delayMs: 150, error: serverError });
    expect(lines).toHaveLength(2);
    n.retry({ action: serverError.action, attempt: 3, delayMs: 150, error: serverError });
    expect(lines).toEqual([
      "alicloud-vpn: The API throttled CreateVpnRouteEntry in cn-hangzhou (Throttling.User): retrying in 1.0 s (attempt 2). Another client of this account may be calling the VPC API, or the account's limit is lower than alicloud-vpn:rateLimits says.",
      "alicloud-vpn: CreateVpnRouteEntry: cannot reach https://vpc.cn-hangzhou.aliyuncs.com (ECONNREFUSED): retrying in 0.4 s (attempt 2).",
      "alicloud-vpn: CreateVpnRouteEntry in cn-hangzhou failed (ServiceUnavailable, HTTP 503): retrying in 0.1 s (attempt 4).",
    ]);
    // The same code again within 30 s says nothing; another code does.
    retry(failure("Throttling.User", "retryable"));
    const other = failure("InternalError", "retryable", { httpStatus: 500 });
    n.retry({ action: other.action, attempt: 5, delayMs: 150, error: other });
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain("(InternalError, HTTP 500)");
  });
});
