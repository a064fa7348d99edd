/**
 * Names and limits of the VPC API (2016-04-28) as the emulator serves it. Written here again rather than
 * imported from provider/api: the emulator shares only the pure signing functions with the client (and the
 * header names those sign), so a wrong name on one side cannot hide behind the same name on the other.
 */
import { ACS3_HEADERS } from "../provider/api/signing";

export const API_VERSION = "2016-04-28";
export const HOST_ID = "vpc.aliyuncs.com";

/** @default 127.0.0.1: the emulator never listens beyond loopback unless told to. */
export const DEFAULT_HOST = "127.0.0.1";
/** How long a write keeps its gateway `updating`. */
export const DEFAULT_CONFIG_DELAY_MS = 200;
/** Entries per table (destination, policy) on one gateway. */
export const DEFAULT_ROUTE_QUOTA = 100;
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
export const DEFAULT_ACCOUNT_ID = "1000000000000001";
export const DEFAULT_OVERLAY_MODE = "Ipsec";

export const DEFAULT_PAGE_NUMBER = 1;
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 50;

export const DEFAULT_PBR_PRIORITY = 10;
export const MIN_PBR_PRIORITY = 1;
export const MAX_PBR_PRIORITY = 100;
export const ROUTE_WEIGHTS: readonly number[] = [0, 100];
export const ACTIVE_WEIGHT = 100;
/** One active and one standby entry per destination (the Weight notes of the Create actions). */
export const MAX_ENTRIES_PER_DESTINATION = 2;

export const MAX_DESCRIPTION_LENGTH = 100;
export const MAX_CLIENT_TOKEN_LENGTH = 64;
export const MAX_NEXT_HOP_LENGTH = 128;

/** Clock skew the API tolerates between a request's timestamp and the server's clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** A nonce is remembered for twice the skew window: a replay older than that fails on its timestamp. */
export const NONCE_RETENTION_MS = 2 * MAX_CLOCK_SKEW_MS;
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_LOG_ENTRIES = 10_000;

export const RPC_SIGNATURE_METHOD = "HMAC-SHA1";
export const RPC_SIGNATURE_VERSION = "1.0";

/** The signed headers come from the pure signing functions, which the emulator may share (DESIGN). */
export const HEADER = {
  ...ACS3_HEADERS,
  authorization: "authorization",
  retryAfter: "x-acs-retry-after",
  requestId: "x-acs-request-id",
} as const;

export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
export const JSON_CONTENT_TYPE = "application/json;charset=utf-8";

/** Parameters of the signing envelope, not of the action: never part of an idempotency fingerprint. */
export const COMMON_PARAMS: ReadonlySet<string> = new Set([
  "Action",
  "Version",
  "Format",
  "AccessKeyId",
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "SignatureType",
  "Timestamp",
  "SecurityToken",
  "ClientToken",
]);

/** Never written to the request log. */
export const SECRET_PARAMS: ReadonlySet<string> = new Set([
  "Signature",
  "SecurityToken",
  "BearerToken",
  "OIDCToken",
]);
