/** Mocks whose route registrations take 20 ms, and a log of when each starts and is answered. */
import * as pulumi from "@pulumi/pulumi";

export const events: string[] = [];
const COMPONENT_TYPE = "alicloud-vpn:index:VpnGatewayRoutes";

export function setPacingMocks(dryRun: boolean): void {
  pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        if (args.type === COMPONENT_TYPE) return { id: "", state: {} };
        events.push(`start ${args.name}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`done ${args.name}`);
        return { id: `id-${args.name}`, state: { ...args.inputs, state: "published" } };
      },
      call: () => ({}),
    },
    "landing",
    "test",
    dryRun,
  );
}

/** A component's routes (children are named `<component>/<key>`) waiting in the engine, at most, at any time. */
export function mostInFlight(component: string): number {
  let now = 0;
  let most = 0;
  for (const event of events.filter((e) => e.includes(` ${component}/`))) {
    now += event.startsWith("start") ? 1 : -1;
    most = Math.max(most, now);
  }
  return most;
}

/** Position in the log of the nth (0-based) registration of the component's routes. */
export function nthStart(component: string, nth: number): number {
  return events.findIndex((e) => e.startsWith("start") && e.includes(` ${component}/`) && nth-- === 0);
}
