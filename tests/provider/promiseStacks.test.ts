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
import type { VpnRouteEntryArgs } from "../../provider/types";
import { PluginGatewayRoutes } from "../../plugin/construct";
import { PluginRouteEntry } from "../../plugin/routeResources";

const ROUTES = 20;
/** Each declaration gets fresh names (one stack, one set of URNs). */
let round = 0;

/** The routes' classes: the dynamic resources, or the provider plugin's custom resources. */
type RouteClasses = "dynamic" | "plugin";

/** ROUTES routes declared directly; resolves once every registration has finished. */
function directRoutes(classes: RouteClasses): Promise<unknown> {
  const routes = Array.from({ length: ROUTES }, (_, i) => {
    const name = `round${round}-${classes}-route${i}`;
    const args: VpnRouteEntryArgs = {
      vpnGatewayId: "vpn-hub0001",
      region: "cn-hangzhou",
      routeDest: `10.${i}.0.0/16`,
      nextHop: "vco-aaaa0001",
      weight: 100,
      publishVpc: true,
    };
    return classes === "plugin" ? new PluginRouteEntry("dbr", name, args) : new VpnRouteEntry(name, args);
  });
  return Promise.all(routes.map((r) => new Promise((resolve) => r.id.apply(resolve))));
}

/** A table of ROUTES routes in one VpnGatewayRoutes; resolves once its routes output is known. */
function tableOfRoutes(classes: RouteClasses): Promise<unknown> {
  const Table = classes === "plugin" ? PluginGatewayRoutes : VpnGatewayRoutes;
  const component = new Table(`table${round}-${classes}`, {
    vpnGatewayId: "vpn-hub0001",
    region: "cn-hangzhou",
    defaults: { nextHop: "vco-aaaa0001" },
    routes: Array.from({ length: ROUTES }, (_, i) => ({ routeDest: `10.${i}.0.0/16` })),
  });
  return new Promise((resolve) => component.routes.apply(resolve));
}

/** The route classes' own files: a stack with one of their frames was formatted while a route was constructed. */
const ROUTE_CLASSES: Record<RouteClasses, string> = {
  dynamic: require.resolve("../../provider/resources"),
  plugin: require.resolve("../../plugin/routeResources"),
};

/**
 * Counts the stacks formatted while routes are constructed, by whether they had frames: the SDK formats one
 * at once for every promise of a registration (runtime/debuggable), and one with all frames for the source
 * position it records (Resource.callsites). A table builds its routes one turn at a time, after it is
 * declared, so the count runs until every registration has finished; stacks formatted elsewhere meanwhile
 * (the SDK's own, outside a route's constructor, always with frames) are not counted.
 */
async function stacksWhileDeclaring(
  classes: RouteClasses,
  declare: (classes: RouteClasses) => Promise<unknown>,
) {
  const counts = { withFrames: 0, empty: 0 };
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    if (frames.length === 0) counts.empty++;
    else if (frames.some((frame) => frame.getFileName() === ROUTE_CLASSES[classes])) counts.withFrames++;
    return previous ? previous(error, frames) : `${error.name}: ${error.message}`;
  };
  round++;
  try {
    await declare(classes);
  } finally {
    Error.prepareStackTrace = previous;
  }
  return { ...counts, limitAfter: Error.stackTraceLimit };
}

describe.each([
  ["dynamic", "declared directly", directRoutes],
  ["dynamic", "declared in a VpnGatewayRoutes", tableOfRoutes],
  ["plugin", "declared directly", directRoutes],
  ["plugin", "declared in a VpnGatewayRoutes", tableOfRoutes],
] as const)("%s routes %s register without the SDK's per-promise stacks", (classes, _how, declare) => {
  const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
  });

  it("formats only the source position's stack for each route, and restores the stack limit", async () => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const limit = Error.stackTraceLimit;
    const { withFrames, empty, limitAfter } = await stacksWhileDeclaring(classes, declare);
    // One stack with frames per route: its source position.
    expect(withFrames).toBe(ROUTES);
    // The promises' stacks are still created, with no frames to format.
    expect(empty).toBeGreaterThan(10 * ROUTES);
    expect(limitAfter).toBe(limit);
  });

  it("keeps every stack when PULUMI_DEBUG_PROMISE_LEAKS asks the SDK to print them", async () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    const { withFrames } = await stacksWhileDeclaring(classes, declare);
    expect(withFrames).toBeGreaterThan(10 * ROUTES);
  });
});
