import { DEFAULT_OVERLAY_MODE, DEFAULT_PBR_PRIORITY } from "../../constants";
import { routeAlreadyExists } from "../../errors";
import type { PbrRouteRecord } from "../../model";
import type { WriteAction } from "../context";
import {
  describePbr,
  findPbr,
  type PbrKey,
  pbrPeers,
  requireConnection,
  requireNoOtherActive,
  requirePairRoom,
  requireQuota,
} from "../routeTables";
import { pbrCreated } from "../views";
import { pbrKey } from "./pbrParams";

interface Input extends PbrKey {
  weight: number;
  publishVpc: boolean;
  priority: number;
  description?: string;
  overlayMode?: string;
}

export const createVpnPbrRouteEntry: WriteAction<Input> = {
  kind: "write",
  parse: (p) => ({
    ...pbrKey(p, true),
    weight: p.weight("Weight"),
    publishVpc: p.boolean("PublishVpc"),
    priority: p.priority("Priority") ?? DEFAULT_PBR_PRIORITY,
    description: p.description(),
    overlayMode: p.overlayMode(),
  }),
  acceptsDryRun: true,
  apply(gateway, input, now) {
    requireConnection(gateway, input.nextHop);
    if (findPbr(gateway, input)) throw routeAlreadyExists(describePbr(input));
    const peers = pbrPeers(gateway, input.routeSource, input.routeDest);
    const what = `RouteSource=${input.routeSource}, RouteDest=${input.routeDest}`;
    requireNoOtherActive(peers, undefined, input.weight, what);
    requirePairRoom(peers, what);
    requireQuota(gateway.pbrRoutes, gateway.routeQuota);
    const entry: PbrRouteRecord = {
      routeSource: input.routeSource,
      routeDest: input.routeDest,
      nextHop: input.nextHop,
      weight: input.weight,
      priority: input.priority,
      published: input.publishVpc,
      createTime: now,
      description: input.description,
      overlayMode: input.overlayMode ?? DEFAULT_OVERLAY_MODE,
    };
    gateway.pbrRoutes.push(entry);
    return pbrCreated(gateway, entry);
  },
};
