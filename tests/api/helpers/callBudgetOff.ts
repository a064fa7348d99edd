/**
 * For suites that pin the clock and record the retry loop's waits: the client's call budget, whose waits
 * would show up among them on a clock that never moves, is off for the suite (tests/api/callBudget.test.ts
 * covers it).
 */
export function withCallBudgetOff(): void {
  const setting = process.env.ALICLOUD_VPN_RATE_LIMITS;
  beforeAll(() => {
    process.env.ALICLOUD_VPN_RATE_LIMITS = "off";
  });
  afterAll(() => {
    if (setting === undefined) delete process.env.ALICLOUD_VPN_RATE_LIMITS;
    else process.env.ALICLOUD_VPN_RATE_LIMITS = setting;
  });
}
