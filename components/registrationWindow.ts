import * as pulumi from "@pulumi/pulumi";

/**
 * How many of one component's routes may wait in the engine at once during an update: one the gateway is
 * applying and two getting ready (each create first lists the gateway's routes, and a throttled listing
 * behind a window of two left the gateway idle). Under the bench's fault mix a window of 2 measured 2.07x
 * the limit, 3 measured 1.92x, 4 measured 2.03x.
 */
export const ROUTES_IN_FLIGHT_PER_GATEWAY = 3;

/** The language host passes `pulumi up --parallel` (its default: 4 x CPUs) to the program in this variable. */
const PARALLEL_ENV = "PULUMI_NODEJS_PARALLEL";

/** One component's routes: those waiting for a turn, in order, and how many of its turns are running. */
interface Lane {
  waiting: Array<() => void>;
  inFlight: number;
}

/**
 * Paces the routes of every VpnGatewayRoutes of the program during an update. The engine runs steps first
 * come, first served in its `--parallel` slots, and a gateway takes one write at a time: routes of one
 * gateway that fill every slot leave the other gateways idle, and with three routes waiting per gateway,
 * three gateways filled the 8 slots of 2 CPUs while a fourth waited for a free one (its first write 1.7 s
 * late). So at most `slots` routes of all components are in the engine at once, at most
 * ROUTES_IN_FLIGHT_PER_GATEWAY of one, and each free slot goes to the component with the fewest running, among
 * those to the one with the most routes still waiting: with more gateways than slots, a slot handed back to the
 * first components in order left the last ones idle until the first had finished (500 routes over 10 gateways
 * at 200 ms a write, 8 slots: the last two gateways' 100 writes alone at the end; three pairs side by side,
 * 29 to 35 s against 23 to 28 s).
 * Turns are handed out after the program's synchronous part, so components declared together start together.
 */
class RegistrationPacer {
  private readonly lanes: Lane[] = [];
  private inFlight = 0;
  private granting = false;

  constructor(private readonly slots: number) {}

  lane(): Lane {
    const lane: Lane = { waiting: [], inFlight: 0 };
    this.lanes.push(lane);
    return lane;
  }

  /** Builds the route when its turn comes and settles with it; the turn ends once the engine has answered. */
  turn<R extends pulumi.Resource>(lane: Lane, build: () => R): Promise<R> {
    return new Promise((resolve, reject) => {
      lane.waiting.push(() => {
        const end = () => {
          lane.inFlight--;
          this.inFlight--;
          this.grantSoon();
        };
        try {
          const resource = build();
          resolve(resource);
          void registered(resource).then(end);
        } catch (err) {
          end();
          reject(err);
        }
      });
      this.grantSoon();
    });
  }

  private grantSoon(): void {
    if (this.granting) return;
    this.granting = true;
    setImmediate(() => {
      this.granting = false;
      this.grant();
    });
  }

  private grant(): void {
    while (this.inFlight < this.slots) {
      let next: Lane | undefined;
      for (const lane of this.lanes) {
        if (lane.waiting.length === 0 || lane.inFlight >= ROUTES_IN_FLIGHT_PER_GATEWAY) continue;
        if (!next || lane.inFlight < next.inFlight) next = lane;
        else if (lane.inFlight === next.inFlight && lane.waiting.length > next.waiting.length) next = lane;
      }
      if (!next) return;
      next.inFlight++;
      this.inFlight++;
      next.waiting.shift()!();
    }
  }
}

let pacer: RegistrationPacer | undefined;

function slotsFromEnv(): number {
  const parallel = Number(process.env[PARALLEL_ENV]);
  return Number.isInteger(parallel) && parallel > 0 ? parallel : Number.POSITIVE_INFINITY;
}

/** Builds a route of one component: when its turn comes during an update, at once in a preview. */
export type RouteTurns = <R extends pulumi.Resource>(build: () => R) => Promise<R>;

/**
 * One component's turns, taken in the order its routes are built. A route is built (constructed, so
 * registered) only when its turn comes: a route waiting in the program costs nothing but its plan, where a
 * constructed one holds about sixty pending promises of the SDK until the engine answers (bench scale, 1,000
 * routes built at once, heap snapshot 2 s into the run: 190 MiB of live heap against 115 MiB for as many no-op
 * resources). Previews (no writes) are not paced: every route is built at once, as the table is declared.
 */
export function registrationTurns(): RouteTurns {
  if (pulumi.runtime.isDryRun()) return (build) => Promise.resolve(build());
  const shared = (pacer ??= new RegistrationPacer(slotsFromEnv()));
  const lane = shared.lane();
  return (build) => shared.turn(lane, build);
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
