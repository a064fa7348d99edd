/**
 * The CLI's `--seed FILE`: JSON with gateways and credentials, either flat or grouped by account:
 * `{ "credentials": [...], "gateways": [...], "accounts": [{ "accountId", "credentials": [...], "gateways": [...] }] }`.
 */
import { readFileSync } from "node:fs";
import type { EmulatorCredential, EmulatorGateway, RateLimitOptions } from "./options";

export interface SeedFile {
  /** Access keys of the account. */
  credentials?: EmulatorCredential[];
  /** Gateways of the account. */
  gateways?: EmulatorGateway[];
  /** Accounts, each with its keys and gateways. */
  accounts?: { accountId: string; credentials?: EmulatorCredential[]; gateways?: EmulatorGateway[] }[];
  /** The per-API rate limits (`false`: none). @default the documented figures */
  rateLimits?: RateLimitOptions | false;
}

export interface Seed {
  /** Access keys of the account. */
  credentials?: EmulatorCredential[];
  /** Gateways of the account. */
  gateways?: EmulatorGateway[];
  rateLimits?: RateLimitOptions | false;
}

/** Flattens accounts into credentials and gateways; a list stays undefined when the file gives none. */
export function flattenSeed(seed: SeedFile): Seed {
  const credentials = [...(seed.credentials ?? [])];
  const gateways = [...(seed.gateways ?? [])];
  for (const account of seed.accounts ?? []) {
    if (!account.accountId) throw new Error("seed: every account needs an accountId");
    for (const c of account.credentials ?? []) credentials.push({ ...c, accountId: account.accountId });
    for (const g of account.gateways ?? []) gateways.push({ ...g, accountId: account.accountId });
  }
  for (const c of credentials) {
    if (!c.accessKeyId || !c.accessKeySecret)
      throw new Error("seed: credentials need accessKeyId and accessKeySecret");
  }
  return {
    credentials: credentials.length > 0 || seed.credentials ? credentials : undefined,
    gateways: gateways.length > 0 || seed.gateways ? gateways : undefined,
    ...(seed.rateLimits !== undefined ? { rateLimits: seed.rateLimits } : {}),
  };
}

export function loadSeedFile(path: string): Seed {
  return flattenSeed(JSON.parse(readFileSync(path, "utf8")) as SeedFile);
}
