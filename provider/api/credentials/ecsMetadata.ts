/**
 * The ECS instance role's session from the metadata service: an IMDSv2 token first (`PUT /latest/api/token`),
 * then the role name (when not configured) and its credentials, sent with that token; without a token only
 * when IMDSv1 is not disabled.
 *
 * Hand-written rather than @alicloud/credentials' ECSRAMRoleCredentialsProvider (2.4.7): it hard-codes
 * 100.100.100.200 and refuses to run when ALIBABA_CLOUD_ECS_METADATA_DISABLED is set, which every test run
 * sets; tests point this one at a loopback stand-in instead. The protocol is the same.
 */
import axios, { type AxiosInstance } from "axios";
import { parseExpiration, type Session } from "./session";

const TOKEN_PATH = "/latest/api/token";
const ROLES_PATH = "/latest/meta-data/ram/security-credentials/";
const TOKEN_HEADER = "x-aliyun-ecs-metadata-token";
const TOKEN_TTL_HEADER = "x-aliyun-ecs-metadata-token-ttl-seconds";
/** As the SDK asks: 6 hours. */
const TOKEN_TTL_SECONDS = 21600;
const TIMEOUT_MS = 1000;

export interface EcsRoleRequest {
  metadataOrigin: string;
  roleName?: string;
  disableImdsV1: boolean;
}

export async function fetchEcsRoleSession(
  req: EcsRoleRequest,
  http: AxiosInstance = axios,
): Promise<Session> {
  const get = (path: string, token: string | undefined) =>
    http.get<string>(`${req.metadataOrigin}${path}`, {
      timeout: TIMEOUT_MS,
      responseType: "text",
      transformResponse: (x: string) => x,
      headers: token ? { [TOKEN_HEADER]: token } : {},
      proxy: false,
    });
  let token: string | undefined;
  try {
    const answer = await http.put<string>(`${req.metadataOrigin}${TOKEN_PATH}`, undefined, {
      timeout: TIMEOUT_MS,
      responseType: "text",
      headers: { [TOKEN_TTL_HEADER]: String(TOKEN_TTL_SECONDS) },
      proxy: false,
    });
    token = String(answer.data).trim();
  } catch (err) {
    if (req.disableImdsV1) {
      throw new Error(
        `the ECS metadata service gave no IMDSv2 token (${describe(err)}) and IMDSv1 is disabled`,
      );
    }
  }
  try {
    const roleName =
      req.roleName ??
      String((await get(ROLES_PATH, token)).data)
        .trim()
        .split("\n")[0];
    const body = JSON.parse(String((await get(`${ROLES_PATH}${roleName}`, token)).data)) as Record<
      string,
      string
    >;
    if (body.Code !== "Success" || !body.AccessKeyId || !body.AccessKeySecret || !body.SecurityToken) {
      throw new Error(`the ECS metadata service did not hand out credentials for role ${roleName}`);
    }
    return {
      accessKeyId: body.AccessKeyId,
      accessKeySecret: body.AccessKeySecret,
      securityToken: body.SecurityToken,
      expiresAt: parseExpiration(body.Expiration, "the ECS metadata service"),
    };
  } catch (err) {
    if (err instanceof SyntaxError)
      throw new Error("the ECS metadata service answered with something not JSON");
    if (axios.isAxiosError(err)) throw new Error(`the ECS metadata service refused: ${describe(err)}`);
    throw err;
  }
}

/** Status or network code only: an axios error carries request config and response bodies. */
function describe(err: unknown): string {
  if (axios.isAxiosError(err))
    return err.response ? `HTTP ${err.response.status}` : (err.code ?? "network error");
  return "unexpected error";
}
