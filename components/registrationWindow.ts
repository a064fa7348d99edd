import * as pulumi from "@pulumi/pulumi";

/**
 * How many of one component's routes may wait in the engine at once during an update: one the gateway is
 * applying and two getting ready (each create first lists the gateway's routes, and a throttled listing
 * behind a window of two left the gateway idle). Under the bench's fault mix a window of 2 measured 2.07x
 * the limit, 3 measured 1.92x, 4 measured 2.03x.
 */
export const ROUTES_IN_FLIGHT_PER_GATEWAY = 3;

/**
 * Paces a component's route registrations during an update. The engine runs steps first come, first served
 * in its `--parallel` slots (8 on 2 CPUs), and a gateway takes one write at a time: a component that registers
 * its 25 routes at once fills every slot with one gateway while the others idle, so four gateways take four
 * times as long as one. With at most ROUTES_IN_FLIGHT_PER_GATEWAY per component waiting, the slots go round
 * the gateways. Previews (no writes) and unchanged routes are not held back beyond their turn.
 *
 * Returns a `dependsOn` for each route: a promise of no resources (no dependency is recorded) that settles
 * when the route ROUTES_IN_FLIGHT_PER_GATEWAY places earlier is registered, failed or not.
 */
export function registrationTurns(): (earlier: pulumi.Resource[]) => Promise<pulumi.Resource[]> | undefined {
  if (pulumi.runtime.isDryRun()) return () => undefined;
  return (earlier) => {
    const ahead = earlier[earlier.length - ROUTES_IN_FLIGHT_PER_GATEWAY];
    return ahead ? registered(ahead).then(() => []) : undefined;
  };
}

/**
 * Settles when the engine has answered the resource's registration (for a route: once created or updated).
 * The SDK exposes this only through the URN output's promise; without it there is no pacing, nothing else.
 */
function registered(resource: pulumi.Resource): Promise<void> {
  const urn = resource.urn as unknown as { promise?: () => Promise<unknown> };
  if (typeof urn.promise !== "function") return Promise.resolve();
  return urn.promise().then(
    () => undefined,
    () => undefined,
  );
}
