/**
 * Optional state file: routes, gateways and remembered client tokens (never credentials), so that one
 * emulator process can serve `pulumi up` and a later one `pulumi refresh` against the same state.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { ClientTokenRecord, GatewayRecord } from "../model";
import { clientTokenKey, Stores } from "./store";

export const STATE_FILE_VERSION = 1;

interface StateFile {
  version: number;
  scopes: {
    accountId: string;
    regionId: string;
    gateways: GatewayRecord[];
    clientTokens: ClientTokenRecord[];
  }[];
}

export function serializeStores(stores: Stores): string {
  const file: StateFile = {
    version: STATE_FILE_VERSION,
    scopes: stores.all().map((s) => ({
      accountId: s.accountId,
      regionId: s.regionId,
      gateways: [...s.gateways.values()],
      clientTokens: [...s.clientTokens.values()],
    })),
  };
  return JSON.stringify(file, null, 2);
}

/** Write to a temporary file and rename it over the target, so a reader never sees half a file. */
export function saveState(path: string, stores: Stores): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, serializeStores(stores));
  renameSync(temp, path);
}

/** Loads the file into `stores`; returns false when there is no file yet. */
export function loadState(path: string, stores: Stores): boolean {
  if (!existsSync(path)) return false;
  const file = JSON.parse(readFileSync(path, "utf8")) as StateFile;
  if (file.version !== STATE_FILE_VERSION || !Array.isArray(file.scopes)) {
    throw new Error(`${path}: not an emulator state file of version ${STATE_FILE_VERSION}`);
  }
  stores.clear();
  for (const scope of file.scopes) {
    const store = stores.region(scope.accountId, scope.regionId);
    for (const gateway of scope.gateways) store.gateways.set(gateway.vpnGatewayId, gateway);
    for (const token of scope.clientTokens)
      store.clientTokens.set(clientTokenKey(token.action, token.token), token);
  }
  return true;
}
