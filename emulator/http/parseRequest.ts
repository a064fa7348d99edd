/**
 * Turns an HTTP request into decoded parameters. Query and form body are decoded here and re-encoded by the
 * signature check, never signed as raw wire text: clients differ in what they leave unescaped (`*`, `~`).
 */
import type { IncomingMessage } from "node:http";
import { FORM_CONTENT_TYPE, HEADER, MAX_BODY_BYTES } from "../constants";
import { requestTooLarge } from "../errors";

export interface ParsedRequest {
  method: string;
  pathname: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Decoded form-body parameters (empty unless the body is a form). */
  form: Record<string, string>;
  /** Lower-case names; repeated headers joined as Node joins them. */
  headers: Record<string, string>;
  body: Buffer;
  /** Query and form together (the form wins, as the official SDK merges them for signing). */
  params: Record<string, string>;
  /** From the `Action` parameter, else the `x-acs-action` header. */
  action: string | undefined;
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw requestTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function decode(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of search) out[name] = value;
  return out;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return out;
}

export function parseRequest(req: IncomingMessage, body: Buffer): ParsedRequest {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const headers = flatHeaders(req);
  const query = decode(url.searchParams);
  const isForm = (headers["content-type"] ?? "").toLowerCase().startsWith(FORM_CONTENT_TYPE);
  const form = isForm && body.length > 0 ? decode(new URLSearchParams(body.toString("utf8"))) : {};
  const params = { ...query, ...form };
  return {
    method: (req.method ?? "GET").toUpperCase(),
    pathname: url.pathname,
    query,
    form,
    headers,
    body,
    params,
    action: params.Action ?? headers[HEADER.action],
  };
}
