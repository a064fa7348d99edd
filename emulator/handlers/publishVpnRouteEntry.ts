/**
 * PublishVpnRouteEntry has no RouteSource: it publishes or withdraws every entry of the named table with
 * this destination and next hop. Withdrawing also withdraws every entry of the other table with the same
 * destination CIDR, whatever its next hop (the reference's PublishVpc note keys it on the destination).
 */
import { routeNotFound } from "../errors";
import type { GatewayRecord, RouteRecord, RouteTable } from "../model";
import type { WriteAction } from "./context";
import { type DbrKey, describeDbr } from "./routeTables";

interface Input extends DbrKey {
  routeType: RouteTable;
  publishVpc: boolean;
}

const tableOf = (gateway: GatewayRecord, table: RouteTable): RouteRecord[] =>
  table === "dbr" ? gateway.routes : gateway.pbrRoutes;

function matching(gateway: GatewayRecord, table: RouteTable, key: DbrKey): RouteRecord[] {
  return tableOf(gateway, table).filter((r) => r.routeDest === key.routeDest && r.nextHop === key.nextHop);
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
    const otherTable = tableOf(gateway, input.routeType === "dbr" ? "pbr" : "dbr");
    const other = input.publishVpc ? [] : otherTable.filter((r) => r.routeDest === input.routeDest);
    for (const entry of [...named, ...other]) entry.published = input.publishVpc;
    return {};
  },
};
