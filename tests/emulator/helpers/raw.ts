/**
 * A tiny raw client for requests the official SDKs cannot produce (stale timestamps, reused nonces,
 * parameters split between query and body, tampered bodies). It signs with `@alicloud/openapi-util`, the
 * official signer, not with the project's own signing code.
 */
import { createHash, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { RunningEmulator } from "../../../emulator";

const OpenApiUtil = require("@alicloud/openapi-util").default;

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read deep and checked by assertions
  body: Record<string, any>;
}

export const utcTimestamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const form = (params: Record<string, string>) => new URLSearchParams(params).toString().replace(/\+/g, "%20");

export function send(
  emulator: RunningEmulator,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = "",
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: emulator.host,
        port: emulator.port,
        method,
        path,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(Buffer.concat(chunks).toString() || "{}"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export interface RpcOptions {
  method?: "GET" | "POST";
  /** Where the parameters travel. @default "query" */
  placement?: "query" | "form" | "split";
  timestamp?: string;
  nonce?: string;
  keys?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** Sign for this HTTP method instead of the one sent. */
  signAs?: "GET" | "POST";
  /** Changes the parameters after signing. */
  tamper?: (params: Record<string, string>) => void;
}

/** HMAC-SHA1 request; `split` puts the common parameters in the query and the action's in a form body. */
export function rawRpc(
  emulator: RunningEmulator,
  action: string,
  own: Record<string, string>,
  o: RpcOptions = {},
) {
  const keys = o.keys ?? emulator.credentials;
  const method = o.method ?? (o.placement && o.placement !== "query" ? "POST" : "GET");
  const common: Record<string, string> = {
    Action: action,
    Version: "2016-04-28",
    Format: "JSON",
    AccessKeyId: keys.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: o.nonce ?? randomUUID(),
    Timestamp: o.timestamp ?? utcTimestamp(Date.now()),
    ...(keys.securityToken ? { SecurityToken: keys.securityToken } : {}),
  };
  const all = { ...common, ...own };
  const signature = OpenApiUtil.getRPCSignature(all, o.signAs ?? method, keys.accessKeySecret);
  o.tamper?.(own);
  const signed = { ...common, Signature: signature };
  const placement = o.placement ?? "query";
  const query = placement === "query" ? { ...signed, ...own } : placement === "split" ? signed : {};
  const body = placement === "form" ? { ...signed, ...own } : placement === "split" ? own : undefined;
  const headers: Record<string, string> = body ? { "content-type": "application/x-www-form-urlencoded" } : {};
  return send(emulator, method, `/?${form(query)}`, headers, body ? form(body) : "");
}

export interface Acs3Options {
  /** Where the action's parameters travel. @default "query" */
  placement?: "query" | "form";
  date?: string;
  nonce?: string;
  keys?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** Headers added after signing (not covered by the signature). */
  unsignedHeaders?: Record<string, string>;
  /** The body actually sent, when it should differ from the signed one. */
  sentBody?: string;
}

/** ACS3-HMAC-SHA256 request signed with openapi-util's getAuthorization. */
export function rawAcs3(
  emulator: RunningEmulator,
  action: string,
  own: Record<string, string>,
  o: Acs3Options = {},
) {
  const keys = o.keys ?? emulator.credentials;
  const placement = o.placement ?? "query";
  const query = placement === "query" ? own : {};
  const body = placement === "form" ? form(own) : "";
  const hash = createHash("sha256").update(body).digest("hex");
  const headers: Record<string, string> = {
    host: `${emulator.host}:${emulator.port}`,
    "x-acs-action": action,
    "x-acs-version": "2016-04-28",
    "x-acs-date": o.date ?? utcTimestamp(Date.now()),
    "x-acs-signature-nonce": o.nonce ?? randomUUID(),
    "x-acs-content-sha256": hash,
    ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    ...(keys.securityToken ? { "x-acs-security-token": keys.securityToken } : {}),
  };
  headers.authorization = OpenApiUtil.getAuthorization(
    { pathname: "/", method: "POST", query, headers },
    "ACS3-HMAC-SHA256",
    hash,
    keys.accessKeyId,
    keys.accessKeySecret,
  );
  const path = Object.keys(query).length ? `/?${form(query)}` : "/";
  return send(emulator, "POST", path, { ...headers, ...o.unsignedHeaders }, o.sentBody ?? body);
}
