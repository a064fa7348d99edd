/** Finding the caller's gateway, and what status it shows. */
import { forbidden, gatewayNotFound } from "../errors";
import type { GatewayRecord } from "../model";
import type { RegionStore, Stores } from "../state/store";
import type { HandlerContext } from "./context";

export const UPDATING = "updating";
export const ACTIVE = "active";

export interface GatewayRef {
  regionId: string;
  vpnGatewayId: string;
}

export function gatewayRef(ctx: HandlerContext): GatewayRef {
  return { regionId: ctx.params.required("RegionId"), vpnGatewayId: ctx.params.required("VpnGatewayId") };
}

export function regionStore(ctx: HandlerContext, ref: GatewayRef): RegionStore {
  return ctx.stores.region(ctx.accountId, ref.regionId);
}

/** The gateway in the caller's account and region; another account's gateway is Forbidden. */
export function resolveGateway(stores: Stores, store: RegionStore, vpnGatewayId: string): GatewayRecord {
  const own = store.gateways.get(vpnGatewayId);
  if (own) return own;
  const elsewhere = stores.findGateway(vpnGatewayId);
  if (elsewhere && elsewhere.accountId !== store.accountId) throw forbidden();
  throw gatewayNotFound(vpnGatewayId);
}

/** `updating` while a change is being applied (computed lazily from the clock), else the base status. */
export function gatewayStatus(gateway: GatewayRecord, now: number): string {
  return now < gateway.busyUntil ? UPDATING : gateway.baseStatus;
}
