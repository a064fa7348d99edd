import type { EmulatorLogEntry } from "../../emulator";
import { apiTimeline, BUSY_CODE, gatewayWallTime } from "../apiTimeline";

const entry = (time: number, action: string, gw: string, status = 200, code?: string): EmulatorLogEntry => ({
  time,
  action,
  params: { VpnGatewayId: gw },
  status,
  ...(code ? { code } : {}),
});

describe("apiTimeline", () => {
  it("spans from the first request to the last applied write's gateway turning active", () => {
    const t = apiTimeline(
      [
        entry(1000, "DescribeVpnRouteEntries", "g1"),
        entry(1010, "CreateVpnRouteEntry", "g1"),
        entry(1020, "CreateVpnRouteEntry", "g1", 400, BUSY_CODE),
        entry(2020, "CreateVpnRouteEntry", "g1"),
        entry(2030, "CreateVpnRouteEntry", "g2"),
        entry(2500, "DescribeVpnGateway", "g1"),
      ],
      1000,
    );
    expect(t.apiSeconds).toBeCloseTo(2.03);
    expect(t.appliedWrites).toBe(3);
    expect(t.busyRefusals).toBe(1);
    expect(t.utilisation.g1).toBeCloseTo(2 / 2.03);
    expect(t.utilisation.g2).toBeCloseTo(1 / 2.03);
  });

  it("is empty for an empty log", () => {
    expect(apiTimeline([], 1000)).toEqual({
      apiSeconds: 0,
      appliedWrites: 0,
      busyRefusals: 0,
      utilisation: {},
    });
  });
});

describe("gatewayWallTime", () => {
  const by = (
    key: string,
    time: number,
    action: string,
    token?: string,
    code?: string,
  ): EmulatorLogEntry => ({
    time,
    action,
    params: { VpnGatewayId: "g1", ...(token ? { ClientToken: token } : {}) },
    status: code ? 400 : 200,
    accessKeyId: key,
    ...(code ? { code } : {}),
  });

  it("puts each idle gap down to the process whose write ended it: a retry, a late look, or no write pending", () => {
    const wall = gatewayWallTime(
      [
        by("a", 2000, "CreateVpnRouteEntry", "a1"), // applies until 2300
        by("b", 2010, "CreateVpnRouteEntry", "b1", BUSY_CODE),
        by("b", 2400, "CreateVpnRouteEntry", "b1"), // a retry, 100 ms after the gateway was active
        by("a", 2750, "DescribeVpnGateway"), // a looks 50 ms late, writes 20 ms after its look
        by("a", 2770, "CreateVpnRouteEntry", "a2"),
        by("b", 3500, "DescribeVpnRouteEntries"),
        by("b", 3570, "CreateVpnRouteEntry", "b2"), // no look: 500 ms with no write of b pending
      ],
      300,
      500,
      4000,
    );
    expect(wall.startSeconds).toBeCloseTo(1.5);
    expect(wall.applyingSeconds).toBeCloseTo(1.2);
    expect(wall.retryAfterRefusalSeconds).toBeCloseTo(0.1);
    expect(wall.lookedLateSeconds).toBeCloseTo(0.05);
    expect(wall.lookToWriteSeconds).toBeCloseTo(0.02);
    expect(wall.noWritePendingSeconds).toBeCloseTo(0.5);
    expect(wall.endSeconds).toBeCloseTo(0.13);
    const parts = Object.values(wall).reduce((sum, s) => sum + s, 0);
    expect(parts).toBeCloseTo(3.5); // the phase, 500 to 4000
  });
});
