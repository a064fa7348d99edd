/** The wire format: JSON bodies, errors as {RequestId, HostId, Code, Message, Recommend}. */
import type { ServerResponse } from "node:http";
import { HEADER, HOST_ID, JSON_CONTENT_TYPE } from "../constants";
import type { ApiError } from "../errors";

const RECOMMEND_URL = "https://api.aliyun.com/troubleshoot";

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string>,
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": JSON_CONTENT_TYPE,
    "content-length": Buffer.byteLength(text),
    [HEADER.requestId]: requestId,
  });
  res.end(text);
}

export function sendResult(res: ServerResponse, requestId: string, body: Record<string, unknown>): void {
  send(res, 200, { ...body, RequestId: requestId }, requestId, {});
}

export function sendError(res: ServerResponse, requestId: string, error: ApiError): void {
  const body = {
    RequestId: requestId,
    HostId: HOST_ID,
    Code: error.code,
    Message: error.message,
    Recommend: `${RECOMMEND_URL}?q=${encodeURIComponent(error.code)}&product=Vpc&requestId=${requestId}`,
  };
  send(res, error.status, body, requestId, error.headers);
}
