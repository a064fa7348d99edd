import { DEFAULT_OVERLAY_MODE } from "../../constants";
import { routeAlreadyExists } from "../../errors";
import type { RouteRecord } from "../../model";
import type { WriteAction } from "../context";
import {
  dbrPeers,
  describeDbr,
  findDbr,
  requireConnection,
  requireNoOtherActive,
  requirePairRoom,
  requireQuota,
} from "../routeTables";
import { dbrCreated } from "../views";

interface Input {
  routeDest: string;
  nextHop: string;
  weight: number;
  publishVpc: boolean;
  description?: string;
  overlayMode?: string;
}

export const createVpnRouteEntry: WriteAction<Input> = {
  kind: "write",
  parse: (p) => ({
    routeDest: p.routeDest().text,
    nextHop: p.nextHop(),
    weight: p.weight("Weight"),
    publishVpc: p.boolean("PublishVpc"),
    description: p.description(),
    overlayMode: p.overlayMode(),
  }),
  acceptsDryRun: true,
  apply(gateway, input, now) {
    requireConnection(gateway, input.nextHop);
    if (findDbr(gateway, input)) throw routeAlreadyExists(describeDbr(input));
    const peers = dbrPeers(gateway, input.routeDest);
    requireNoOtherActive(peers, undefined, input.weight, `RouteDest=${input.routeDest}`);
    requirePairRoom(peers, `RouteDest=${input.routeDest}`);
    requireQuota(gateway.routes, gateway.routeQuota);
    const entry: RouteRecord = {
      routeDest: input.routeDest,
      nextHop: input.nextHop,
      weight: input.weight,
      published: input.publishVpc,
      createTime: now,
      description: input.description,
      overlayMode: input.overlayMode ?? DEFAULT_OVERLAY_MODE,
    };
    gateway.routes.push(entry);
    return dbrCreated(gateway, entry);
  },
};
