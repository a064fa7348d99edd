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

import { VpnGatewayRoutes } from "../../components";

const ROUTES = 20;

/**
 * Declares a table of ROUTES routes and counts the stacks formatted meanwhile, by their number of frames: the
 * SDK formats one at once for every promise of a registration (runtime/debuggable), and one with all frames
 * for the source position it records (Resource.callsites).
 */
async function stacksWhileDeclaring(name: string) {
  const counts = { withFrames: 0, empty: 0 };
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    counts[frames.length > 0 ? "withFrames" : "empty"]++;
    return previous ? previous(error, frames) : `${error.name}: ${error.message}`;
  };
  let component: VpnGatewayRoutes;
  try {
    component = new VpnGatewayRoutes(name, {
      vpnGatewayId: "vpn-hub0001",
      region: "cn-hangzhou",
      defaults: { nextHop: "vco-aaaa0001" },
      routes: Array.from({ length: ROUTES }, (_, i) => ({ routeDest: `10.${i}.0.0/16` })),
    });
  } finally {
    Error.prepareStackTrace = previous;
  }
  const limitAfter = Error.stackTraceLimit;
  // Let the registrations finish before the test ends.
  const routes = await new Promise<Record<string, unknown>>((resolve) => component.routes.apply(resolve));
  return { ...counts, limitAfter, routes: Object.keys(routes).length };
}

describe("VpnGatewayRoutes registers its routes without the SDK's per-promise stacks", () => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it("formats only the source position's stack for each route, and restores the stack limit", async () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const limit = Error.stackTraceLimit;
    const { withFrames, empty, limitAfter, routes } = await stacksWhileDeclaring("quiet");
    expect(routes).toBe(ROUTES);
    // One stack with frames per route (its source position), plus the component's own registration.
    expect(withFrames).toBeLessThan(2 * ROUTES);
    // The promises' stacks are still created, with no frames to format.
    expect(empty).toBeGreaterThan(10 * ROUTES);
    expect(limitAfter).toBe(limit);
  });

  it("keeps every stack when PULUMI_DEBUG_PROMISE_LEAKS asks the SDK to print them", async () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    const { withFrames } = await stacksWhileDeclaring("debugged");
    expect(withFrames).toBeGreaterThan(10 * ROUTES);
  });
});
