import type { EmulatorLogEntry } from "../../emulator";
import { apiTimeline, BUSY_CODE } from "../apiTimeline";

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
