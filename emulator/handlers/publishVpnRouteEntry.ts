/**
 * PublishVpnRouteEntry has no RouteSource: it publishes or withdraws every entry of the named table with
 * this destination and next hop. Withdrawing also withdraws the same destination and next hop in the
 * other table (the API reference: a destination in both tables is withdrawn from both).
 */
import { routeNotFound } from "../errors";
import type { GatewayRecord, RouteRecord, RouteTable } from "../model";
import type { WriteAction } from "./context";
import { type DbrKey, describeDbr } from "./routeTables";

interface Input extends DbrKey {
  routeType: RouteTable;
  publishVpc: boolean;
}

function matching(gateway: GatewayRecord, table: RouteTable, key: DbrKey): RouteRecord[] {
  const entries: RouteRecord[] = table === "dbr" ? gateway.routes : gateway.pbrRoutes;
  return entries.filter((r) => r.routeDest === key.routeDest && r.nextHop === key.nextHop);
}

export const publishVpnRouteEntry: WriteAction<Input> = {
  kind: "write",
  parse: (p) => ({
    routeDest: p.cidr("RouteDest").text,
    nextHop: p.nextHop(),
    routeType: p.routeType(),
    publishVpc: p.boolean("PublishVpc"),
  }),
  apply(gateway, input) {
    const named = matching(gateway, input.routeType, input);
    if (named.length === 0) throw routeNotFound(`${input.routeType} ${describeDbr(input)}`);
    const other = input.publishVpc ? [] : matching(gateway, input.routeType === "dbr" ? "pbr" : "dbr", input);
    for (const entry of [...named, ...other]) entry.published = input.publishVpc;
    return {};
  },
};
