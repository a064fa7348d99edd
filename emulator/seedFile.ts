/**
 * The CLI's `--seed FILE`: JSON with gateways and credentials, either flat or grouped by account:
 * `{ "credentials": [...], "gateways": [...], "accounts": [{ "accountId", "credentials": [...], "gateways": [...] }] }`.
 */
import { readFileSync } from "node:fs";
import type { EmulatorCredential, EmulatorGateway, RateLimitOptions } from "./options";

/** The JSON of a seed file (`alicloud-vpc-emulator --seed FILE`), flat or grouped by account. */
export interface SeedFile {
  /** Access keys of the account. */
  credentials?: EmulatorCredential[];
  /** Gateways of the account. */
  gateways?: EmulatorGateway[];
  /** Accounts, each with its keys and gateways. */
  accounts?: {
    /** The account's ID; its keys and gateways belong to it. */
    accountId: string;
    /** Access keys of the account. */
    credentials?: EmulatorCredential[];
    /** Gateways of the account. */
    gateways?: EmulatorGateway[];
  }[];
  /** The per-API rate limits (`false`: none). @default the documented figures */
  rateLimits?: RateLimitOptions | false;
}

/** A seed file flattened: every key and gateway with its account, as `startEmulator`'s options take them. */
export interface Seed {
  /** Access keys, each with its `accountId`; undefined when the file gives none. */
  credentials?: EmulatorCredential[];
  /** Gateways, each with its `accountId`; undefined when the file gives none. */
  gateways?: EmulatorGateway[];
  /** The per-API rate limits (`false`: none). @default the documented figures */
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

/** Reads a seed file and flattens its accounts; throws on an account without `accountId` or a key without its parts. */
export function loadSeedFile(path: string): Seed {
  return flattenSeed(JSON.parse(readFileSync(path, "utf8")) as SeedFile);
}
