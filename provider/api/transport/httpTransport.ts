import http from "node:http";
import https from "node:https";
import axios, { type AxiosInstance } from "axios";
import { userAgent } from "./userAgent";

export interface WireRequest {
  /** Full URL, query string already encoded. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Loopback endpoints bypass any HTTP(S)_PROXY from the environment. */
  direct: boolean;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP attempt on axios: keep-alive agents, a hard per-attempt timeout, no retries (the retry loop
 * owns them), never throwing on status (the caller parses the API's JSON error body).
 */
export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private readonly axios: AxiosInstance;

  constructor() {
    this.axios = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: "text",
      // Keep the raw text: the client parses JSON itself, errors included.
      transformResponse: [(data: unknown) => data],
      decompress: true,
    });
  }

  /** One attempt, ended early when `cancel` aborts (the caller tells that from a timeout by the signal). */
  async send(req: WireRequest, timeoutMs: number, cancel?: AbortSignal): Promise<WireResponse> {
    const controller = new AbortController();
    // axios' `timeout` is a socket idle timeout; the abort bounds the whole attempt, body included.
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onCancel = () => controller.abort();
    cancel?.addEventListener("abort", onCancel, { once: true });
    if (cancel?.aborted) controller.abort();
    try {
      const res = await this.axios.request<string>({
        method: "POST",
        url: req.url,
        headers: {
          // axios adds a form Content-Type to every POST unless told not to (false); an unsigned
          // Content-Type would be part of what the server signs, so send exactly what was signed.
          "content-type": false,
          ...req.headers,
          "user-agent": userAgent(),
          accept: "application/json",
        },
        // No body at all when empty: axios would otherwise add a Content-Type that was not signed.
        data: req.body === "" ? undefined : req.body,
        timeout: timeoutMs,
        signal: controller.signal,
        proxy: req.direct ? false : undefined,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers ?? {})) {
        if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
      }
      return {
        status: res.status,
        headers,
        body: typeof res.data === "string" ? res.data : String(res.data ?? ""),
      };
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener("abort", onCancel);
    }
  }

  /** Closes idle keep-alive sockets. */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
