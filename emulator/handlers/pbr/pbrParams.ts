import { invalidParameter } from "../../errors";
import type { Params } from "../params";
import type { PbrKey } from "../routeTables";

/** RouteSource, RouteDest and NextHop of a policy route; source and destination of one IP family. */
export function pbrKey(p: Params, forCreate: boolean): PbrKey {
  const source = p.cidr("RouteSource");
  const dest = forCreate ? p.routeDest() : p.cidr("RouteDest");
  if (source.kind !== dest.kind)
    throw invalidParameter("RouteSource", "must be of the same IP family as RouteDest");
  return { routeSource: source.text, routeDest: dest.text, nextHop: p.nextHop() };
}
