/**
 * The official SDKs as independent oracles, behind one call shape: `call(action, params)` resolves to the
 * response body with the API's own (PascalCase) names, or rejects with an ApiFailure.
 */
import type { RunningEmulator } from "../../../emulator";

const RPCClient = require("@alicloud/pop-core");
const $OpenApi = require("@alicloud/openapi-client");
const Vpc = require("@alicloud/vpc20160428");

// Response bodies are read deep (body.VpnRouteEntries.VpnRouteEntry[0]) and checked by assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = Record<string, any>;

/** The fields the official SDKs put on their errors. */
interface SdkError {
  data?: Body;
  code?: string;
  statusCode?: number;
  retryAfter?: number;
  entry?: { response?: { statusCode?: number } };
}

export interface ApiFailure {
  code: string;
  status: number;
  message: string;
  data: Body;
  retryAfter?: number;
}

export interface Driver {
  name: string;
  call(action: string, params: Record<string, unknown>): Promise<Body>;
}

export interface Keys {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** `@alicloud/pop-core`: HMAC-SHA1, everything in the query (GET) or in a form body (POST). */
export function popCore(
  emulator: RunningEmulator,
  method: "GET" | "POST" = "POST",
  keys: Keys = emulator.credentials,
): Driver {
  const client = new RPCClient({ ...keys, endpoint: emulator.endpoint, apiVersion: "2016-04-28" });
  return {
    name: `pop-core ${method}`,
    async call(action, params) {
      try {
        return await client.request(action, params, { method, timeout: 5000 });
      } catch (caught) {
        const error = caught as SdkError;
        if (!error.data) throw error;
        throw {
          code: error.data.Code,
          status: error.entry?.response?.statusCode ?? 0,
          message: error.data.Message,
          data: error.data,
        } as ApiFailure;
      }
    },
  };
}

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/**
 * `@alicloud/vpc20160428` on `@alicloud/openapi-client`'s Config: ACS3-HMAC-SHA256 by default, or the
 * SDK's own HMAC-SHA1 path (`signatureAlgorithm: "v2"`: parameters in the query, POST).
 */
export function vpcSdk(
  emulator: RunningEmulator,
  algorithm: "acs3" | "v2" = "acs3",
  keys: Keys = emulator.credentials,
): Driver {
  const config = new $OpenApi.Config({
    ...keys,
    endpoint: `${emulator.host}:${emulator.port}`,
    protocol: "http",
    regionId: "cn-hangzhou",
    ...(algorithm === "v2" ? { signatureAlgorithm: "v2" } : {}),
  });
  const client = new Vpc.default(config);
  return {
    name: `vpc20160428 ${algorithm}`,
    async call(action, params) {
      const request = new Vpc[`${action}Request`](
        Object.fromEntries(Object.entries(params).map(([k, v]) => [lowerFirst(k), v])),
      );
      try {
        const response = await client[`${lowerFirst(action)}WithOptions`](request, {
          autoretry: false,
          readTimeout: 5000,
        });
        return response.body.toMap();
      } catch (caught) {
        const error = caught as SdkError;
        if (!error.data) throw error;
        throw {
          code: error.code,
          status: error.statusCode,
          message: error.data.Message,
          data: error.data,
          retryAfter: error.retryAfter,
        } as ApiFailure;
      }
    },
  };
}

/** The failure a call ends in (fails the test if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    return error as ApiFailure;
  }
  throw new Error("expected the call to fail");
}
