/** Action name -> handler, one module per action. */
import type { ActionHandler } from "./context";
import { createVpnRouteEntry } from "./dbr/createVpnRouteEntry";
import { deleteVpnRouteEntry } from "./dbr/deleteVpnRouteEntry";
import { describeVpnRouteEntries } from "./dbr/describeVpnRouteEntries";
import { modifyVpnRouteEntryWeight } from "./dbr/modifyVpnRouteEntryWeight";
import { describeVpnGateway } from "./describeVpnGateway";
import { createVpnPbrRouteEntry } from "./pbr/createVpnPbrRouteEntry";
import { deleteVpnPbrRouteEntry } from "./pbr/deleteVpnPbrRouteEntry";
import { describeVpnPbrRouteEntries } from "./pbr/describeVpnPbrRouteEntries";
import { modifyVpnPbrRouteEntryAttribute } from "./pbr/modifyVpnPbrRouteEntryAttribute";
import { modifyVpnPbrRouteEntryPriority } from "./pbr/modifyVpnPbrRouteEntryPriority";
import { modifyVpnPbrRouteEntryWeight } from "./pbr/modifyVpnPbrRouteEntryWeight";
import { publishVpnRouteEntry } from "./publishVpnRouteEntry";

export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  CreateVpnRouteEntry: createVpnRouteEntry as ActionHandler,
  DeleteVpnRouteEntry: deleteVpnRouteEntry as ActionHandler,
  DescribeVpnRouteEntries: describeVpnRouteEntries,
  ModifyVpnRouteEntryWeight: modifyVpnRouteEntryWeight as ActionHandler,
  PublishVpnRouteEntry: publishVpnRouteEntry as ActionHandler,
  CreateVpnPbrRouteEntry: createVpnPbrRouteEntry as ActionHandler,
  DeleteVpnPbrRouteEntry: deleteVpnPbrRouteEntry as ActionHandler,
  DescribeVpnPbrRouteEntries: describeVpnPbrRouteEntries,
  ModifyVpnPbrRouteEntryWeight: modifyVpnPbrRouteEntryWeight as ActionHandler,
  ModifyVpnPbrRouteEntryPriority: modifyVpnPbrRouteEntryPriority as ActionHandler,
  ModifyVpnPbrRouteEntryAttribute: modifyVpnPbrRouteEntryAttribute as ActionHandler,
  DescribeVpnGateway: describeVpnGateway,
};

export function handlerFor(action: string): ActionHandler | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
}
