import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: `id-${args.name}`, state: { ...args.inputs, state: "published" } }),
    call: () => ({}),
  },
  "landing",
  "test",
  false,
);

import { VpnRouteEntry } from "../../provider";

const ROUTES = 20;
/** Each declaration gets fresh names (one stack, one set of URNs). */
let round = 0;

/** Declares ROUTES routes directly (no component) and counts the stacks formatted meanwhile that had frames. */
async function stacksWithFramesWhileDeclaring(): Promise<number> {
  let withFrames = 0;
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    if (frames.length > 0) withFrames++;
    return previous ? previous(error, frames) : `${error.name}: ${error.message}`;
  };
  const routes: VpnRouteEntry[] = [];
  round++;
  try {
    for (let i = 0; i < ROUTES; i++) {
      routes.push(
        new VpnRouteEntry(`round${round}-route${i}`, {
          vpnGatewayId: "vpn-hub0001",
          region: "cn-hangzhou",
          routeDest: `10.${i}.0.0/16`,
          nextHop: "vco-aaaa0001",
          weight: 100,
          publishVpc: true,
        }),
      );
    }
  } finally {
    Error.prepareStackTrace = previous;
  }
  // Let the registrations finish before the test ends.
  await Promise.all(routes.map((r) => new Promise((resolve) => r.id.apply(resolve))));
  return withFrames;
}

describe("a route registers without the SDK's per-promise stacks", () => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it("formats one stack with frames per route (its source position) and restores the limit", async () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const limit = Error.stackTraceLimit;
    expect(await stacksWithFramesWhileDeclaring()).toBeLessThanOrEqual(ROUTES);
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it("keeps every stack when PULUMI_DEBUG_PROMISE_LEAKS asks the SDK to print them", async () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    expect(await stacksWithFramesWhileDeclaring()).toBeGreaterThan(10 * ROUTES);
  });
});
