/** ClientToken: same token + same parameters returns the original result; different parameters are refused. */
import { COMMON_PARAMS } from "../constants";
import { idempotentMismatch } from "../errors";
import type { ClientTokenRecord } from "../model";
import { clientTokenKey, type RegionStore } from "../state/store";
import type { ResponseBody } from "./context";

/** The action's own parameters, sorted, as sent (the signing envelope and the token itself left out). */
export function fingerprint(raw: Readonly<Record<string, string>>): string {
  const own = Object.keys(raw)
    .filter((name) => !COMMON_PARAMS.has(name))
    .sort()
    .map((name) => [name, raw[name]]);
  return JSON.stringify(own);
}

/** The remembered response for this token, or undefined when the token is new. */
export function replay(
  store: RegionStore,
  action: string,
  token: string,
  print: string,
): ResponseBody | undefined {
  const seen = store.clientTokens.get(clientTokenKey(action, token));
  if (!seen) return undefined;
  if (seen.fingerprint !== print) throw idempotentMismatch();
  return seen.response;
}

export function remember(store: RegionStore, record: ClientTokenRecord): void {
  store.clientTokens.set(clientTokenKey(record.action, record.token), record);
}
