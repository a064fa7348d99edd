/** Out-of-band changes, as if someone used the console: for refresh and drift tests. */
import type { GatewayRecord, RouteRecord } from "./model";
import type { BusinessStatus } from "./options";
import { parseCidr } from "./handlers/params";
import type { Stores } from "./state/store";

/** Names one entry; with `routeSource` it is a policy route, without it a destination route. */
export interface RouteKey {
  /** Destination CIDR block. */
  routeDest: string;
  /** The route's next hop. */
  nextHop: string;
  /** Source CIDR block: only for a policy route. */
  routeSource?: string;
}

/** Changes made behind the API's back (as in the console), for refresh and drift tests. */
export interface Drift {
  /** Deletes a route. */
  deleteRoute(vpnGatewayId: string, key: RouteKey): void;
  /** Sets a route's weight. */
  setWeight(vpnGatewayId: string, key: RouteKey, weight: number): void;
  /** Publishes or withdraws a route. */
  setPublished(vpnGatewayId: string, key: RouteKey, published: boolean): void;
  /** Policy routes only. */
  setPriority(vpnGatewayId: string, key: RouteKey, priority: number): void;
  /**
   * The gateway learns a destination route over BGP: listed only with RouteEntryType=bgp, and no custom
   * route's action (delete, weight, publish) can reach it.
   */
  learnBgpRoute(vpnGatewayId: string, key: RouteKey, weight?: number): void;
  /** Deletes a gateway with its routes. */
  deleteGateway(vpnGatewayId: string): void;
  /** The base status (`active`, `deleting`...); `updating` from writes still applies on top. */
  setGatewayStatus(vpnGatewayId: string, status: string): void;
  /** Sets the gateway's business status (a financial lock refuses writes). */
  setBusinessStatus(vpnGatewayId: string, status: BusinessStatus): void;
}

function normalise(text: string): string {
  const cidr = parseCidr(text);
  if (typeof cidr === "string") throw new Error(`drift: ${cidr}`);
  return cidr.text;
}

export function createDrift(stores: Stores, changed: () => void): Drift {
  const gateway = (id: string): GatewayRecord => {
    const found = stores.findGateway(id);
    if (!found) throw new Error(`drift: no gateway ${id}`);
    return found;
  };
  const entry = (g: GatewayRecord, key: RouteKey): RouteRecord => {
    const dest = normalise(key.routeDest);
    const source = key.routeSource === undefined ? undefined : normalise(key.routeSource);
    const found =
      source === undefined
        ? g.routes.find((r) => r.routeDest === dest && r.nextHop === key.nextHop)
        : g.pbrRoutes.find(
            (r) => r.routeSource === source && r.routeDest === dest && r.nextHop === key.nextHop,
          );
    if (!found) throw new Error(`drift: no route ${JSON.stringify(key)} on ${g.vpnGatewayId}`);
    return found;
  };
  const change = (fn: () => void) => {
    fn();
    changed();
  };
  return {
    deleteRoute: (id, key) =>
      change(() => {
        const g = gateway(id);
        const e = entry(g, key);
        g.routes = g.routes.filter((r) => r !== e);
        g.pbrRoutes = g.pbrRoutes.filter((r) => r !== e);
      }),
    setWeight: (id, key, weight) => change(() => void (entry(gateway(id), key).weight = weight)),
    setPublished: (id, key, published) => change(() => void (entry(gateway(id), key).published = published)),
    setPriority: (id, key, priority) =>
      change(() => {
        if (key.routeSource === undefined)
          throw new Error("drift: priority needs a policy route (routeSource)");
        const g = gateway(id);
        const e = entry(g, key);
        g.pbrRoutes.filter((r) => r === e).forEach((r) => (r.priority = priority));
      }),
    learnBgpRoute: (id, key, weight = 100) =>
      change(() => {
        const g = gateway(id);
        const learned: RouteRecord = {
          routeDest: normalise(key.routeDest),
          nextHop: key.nextHop,
          weight,
          published: false,
          createTime: Date.now(),
          overlayMode: "Ipsec",
        };
        g.bgpRoutes = [...(g.bgpRoutes ?? []), learned];
      }),
    deleteGateway: (id) =>
      change(() => {
        if (!stores.deleteGateway(id)) throw new Error(`drift: no gateway ${id}`);
      }),
    setGatewayStatus: (id, status) => change(() => void (gateway(id).baseStatus = status)),
    setBusinessStatus: (id, status) => change(() => void (gateway(id).businessStatus = status)),
  };
}
