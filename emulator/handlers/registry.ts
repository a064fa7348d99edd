/** Action name -> handler: a destination route's actions, a policy route's, and the gateway's. */
import type { ActionHandler } from "./actions";
import { describeVpnGateway } from "./vpnGateway";
import {
  createVpnPbrRouteEntry,
  deleteVpnPbrRouteEntry,
  describeVpnPbrRouteEntries,
  modifyVpnPbrRouteEntryAttribute,
  modifyVpnPbrRouteEntryPriority,
  modifyVpnPbrRouteEntryWeight,
} from "./vpnPbrRouteEntries";
import {
  createVpnRouteEntry,
  deleteVpnRouteEntry,
  describeVpnRouteEntries,
  modifyVpnRouteEntryWeight,
  publishVpnRouteEntry,
} from "./vpnRouteEntries";

export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  CreateVpnRouteEntry: createVpnRouteEntry,
  DeleteVpnRouteEntry: deleteVpnRouteEntry,
  DescribeVpnRouteEntries: describeVpnRouteEntries,
  ModifyVpnRouteEntryWeight: modifyVpnRouteEntryWeight,
  PublishVpnRouteEntry: publishVpnRouteEntry,
  CreateVpnPbrRouteEntry: createVpnPbrRouteEntry,
  DeleteVpnPbrRouteEntry: deleteVpnPbrRouteEntry,
  DescribeVpnPbrRouteEntries: describeVpnPbrRouteEntries,
  ModifyVpnPbrRouteEntryWeight: modifyVpnPbrRouteEntryWeight,
  ModifyVpnPbrRouteEntryPriority: modifyVpnPbrRouteEntryPriority,
  ModifyVpnPbrRouteEntryAttribute: modifyVpnPbrRouteEntryAttribute,
  DescribeVpnGateway: describeVpnGateway,
};

export function handlerFor(action: string): ActionHandler | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
}
