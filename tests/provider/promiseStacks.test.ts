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
import { VpnRouteEntry } from "../../provider";

const ROUTES = 20;
/** Each declaration gets fresh names (one stack, one set of URNs). */
let round = 0;

/** ROUTES routes declared directly; resolves once every registration has finished. */
function directRoutes(): Promise<unknown> {
  const routes = Array.from(
    { length: ROUTES },
    (_, i) =>
      new VpnRouteEntry(`round${round}-route${i}`, {
        vpnGatewayId: "vpn-hub0001",
        region: "cn-hangzhou",
        routeDest: `10.${i}.0.0/16`,
        nextHop: "vco-aaaa0001",
        weight: 100,
        publishVpc: true,
      }),
  );
  return Promise.all(routes.map((r) => new Promise((resolve) => r.id.apply(resolve))));
}

/** A table of ROUTES routes in one VpnGatewayRoutes; resolves once its routes output is known. */
function tableOfRoutes(): Promise<unknown> {
  const component = new VpnGatewayRoutes(`table${round}`, {
    vpnGatewayId: "vpn-hub0001",
    region: "cn-hangzhou",
    defaults: { nextHop: "vco-aaaa0001" },
    routes: Array.from({ length: ROUTES }, (_, i) => ({ routeDest: `10.${i}.0.0/16` })),
  });
  return new Promise((resolve) => component.routes.apply(resolve));
}

/** The route classes' own file: a stack with one of its frames was formatted while a route was constructed. */
const ROUTE_CLASSES = require.resolve("../../provider/resources");

/**
 * Counts the stacks formatted while routes are constructed, by whether they had frames: the SDK formats one
 * at once for every promise of a registration (runtime/debuggable), and one with all frames for the source
 * position it records (Resource.callsites). A table builds its routes one turn at a time, after it is
 * declared, so the count runs until every registration has finished; stacks formatted elsewhere meanwhile
 * (the SDK's own, outside a route's constructor, always with frames) are not counted.
 */
async function stacksWhileDeclaring(declare: () => Promise<unknown>) {
  const counts = { withFrames: 0, empty: 0 };
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    if (frames.length === 0) counts.empty++;
    else if (frames.some((frame) => frame.getFileName() === ROUTE_CLASSES)) counts.withFrames++;
    return previous ? previous(error, frames) : `${error.name}: ${error.message}`;
  };
  round++;
  try {
    await declare();
  } finally {
    Error.prepareStackTrace = previous;
  }
  return { ...counts, limitAfter: Error.stackTraceLimit };
}

describe.each([
  ["declared directly", directRoutes],
  ["declared in a VpnGatewayRoutes", tableOfRoutes],
])("routes %s register without the SDK's per-promise stacks", (_how, declare) => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it("formats only the source position's stack for each route, and restores the stack limit", async () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const limit = Error.stackTraceLimit;
    const { withFrames, empty, limitAfter } = await stacksWhileDeclaring(declare);
    // One stack with frames per route: its source position.
    expect(withFrames).toBe(ROUTES);
    // The promises' stacks are still created, with no frames to format.
    expect(empty).toBeGreaterThan(10 * ROUTES);
    expect(limitAfter).toBe(limit);
  });

  it("keeps every stack when PULUMI_DEBUG_PROMISE_LEAKS asks the SDK to print them", async () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    const { withFrames } = await stacksWhileDeclaring(declare);
    expect(withFrames).toBeGreaterThan(10 * ROUTES);
  });
});
