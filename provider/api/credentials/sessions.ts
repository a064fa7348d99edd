/**
 * From a CredentialSpec to keys to sign with: static keys as they are; a session (a role, OIDC, the
 * credentials URI, the ECS instance role) fetched once per source and process however many calls ask at the
 * same time, reused until shortly before it expires, then fetched again.
 *
 * The cache is hand-written rather than @alicloud/credentials' SessionCredentialProvider (2.4.7), whose cache
 * refetches on every call once a session has 15 minutes or less left (a 900 s session: every call) and does
 * not share one fetch between concurrent callers (30 concurrent creates would make 30 AssumeRole calls).
 */
import axios, { type AxiosInstance } from "axios";
import type { CredentialSpec, Session, StaticCredentials } from "../types";
import { assumeRole, assumeRoleWithOidc, fromCredentialsUri, parseExpiration } from "./roles";

// ---- the chain ----

/** Keys for a spec: one SessionCache per source (specKey) for the whole process. */
export class CredentialChain {
  private readonly caches = new Map<string, SessionCache>();

  constructor(private readonly now: () => number) {}

  /** `from` names where the spec came from, for messages. */
  async credentials(spec: CredentialSpec, from: string): Promise<StaticCredentials> {
    if (spec.kind === "static") return spec.credentials;
    const key = specKey(spec);
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new SessionCache(() => this.fetch(spec, from), this.now);
      this.caches.set(key, cache);
    }
    const { accessKeyId, accessKeySecret, securityToken } = await cache.get();
    return { accessKeyId, accessKeySecret, securityToken };
  }

  /** The API refused a session's token: the next call fetches a new one. */
  invalidate(spec: CredentialSpec): void {
    this.caches.get(specKey(spec))?.invalidate();
  }

  private fetch(spec: Exclude<CredentialSpec, { kind: "static" }>, from: string): Promise<Session> {
    switch (spec.kind) {
      case "assumeRole":
        return assumeRole(spec.role, () => this.credentials(spec.base, from), from);
      case "oidc":
        return assumeRoleWithOidc(spec.oidc, from);
      case "uri":
        return fromCredentialsUri(spec.uri);
      case "ecs":
        return fetchEcsRoleSession(spec);
    }
  }
}

/** A key naming a spec without its secrets, for the per-process session cache. */
function specKey(spec: CredentialSpec): string {
  switch (spec.kind) {
    case "static":
      // The secret is not in the key: one key id has one secret.
      return `static:${spec.credentials.accessKeyId}`;
    case "assumeRole":
      return `assumeRole:${spec.role.roleArn}:${spec.role.sessionName}:${spec.role.sessionExpiration}:${spec.role.externalId ?? ""}:${spec.role.policy ?? ""}<-${specKey(spec.base)}`;
    case "oidc":
      return `oidc:${spec.oidc.oidcProviderArn}:${spec.oidc.roleArn}:${spec.oidc.oidcTokenFile ?? "(inline)"}`;
    case "uri":
      return `uri:${spec.uri}`;
    case "ecs":
      return `ecs:${spec.metadataOrigin}:${spec.roleName ?? ""}`;
  }
}

// ---- one source's session ----

/** Refresh this long before expiry, or a quarter of the session's lifetime when that is shorter. */
export const REFRESH_MARGIN_MS = 3 * 60 * 1000;

export class SessionCache {
  private session?: Session;
  private refreshAt = 0;
  /** The fetch in flight, shared by every caller that asks meanwhile. */
  private fetching?: Promise<Session>;

  constructor(
    private readonly fetch: () => Promise<Session>,
    private readonly now: () => number,
  ) {}

  async get(): Promise<Session> {
    if (this.session && this.now() < this.refreshAt) return this.session;
    const fetchedAt = this.now();
    try {
      this.fetching ??= (async () => this.fetch())().finally(() => (this.fetching = undefined));
      const session = await this.fetching;
      if (session !== this.session) {
        this.session = session;
        const margin = Math.min(REFRESH_MARGIN_MS, (session.expiresAt - fetchedAt) / 4);
        this.refreshAt = session.expiresAt - margin;
      }
      return session;
    } catch (err) {
      // A failed refresh of a session that still works is not fatal: use it, ask again next time.
      if (this.session && this.now() < this.session.expiresAt) return this.session;
      throw err;
    }
  }

  /** Forget the session (the API said its token expired or is invalid). */
  invalidate(): void {
    this.session = undefined;
    this.refreshAt = 0;
  }
}

// ---- the ECS instance role ----

/**
 * The ECS instance role's session from the metadata service: an IMDSv2 token first (`PUT /latest/api/token`),
 * then the role name (when not configured) and its credentials, sent with that token; without a token only
 * when IMDSv1 is not disabled.
 *
 * Hand-written rather than @alicloud/credentials' ECSRAMRoleCredentialsProvider (2.4.7): it hard-codes
 * 100.100.100.200 and refuses to run when ALIBABA_CLOUD_ECS_METADATA_DISABLED is set, which every test run
 * sets; tests point this one at a loopback stand-in instead. The protocol is the same.
 */
const TOKEN_PATH = "/latest/api/token";
const ROLES_PATH = "/latest/meta-data/ram/security-credentials/";
const TOKEN_HEADER = "x-aliyun-ecs-metadata-token";
const TOKEN_TTL_HEADER = "x-aliyun-ecs-metadata-token-ttl-seconds";
/** As the SDK asks: 6 hours. */
const TOKEN_TTL_SECONDS = 21600;
const TIMEOUT_MS = 1000;

interface EcsRoleRequest {
  metadataOrigin: string;
  roleName?: string;
  disableImdsV1: boolean;
}

async function fetchEcsRoleSession(req: EcsRoleRequest, http: AxiosInstance = axios): Promise<Session> {
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
