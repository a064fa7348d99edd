/** One STS request: parse, count, authenticate (AssumeRole only: the OIDC variant is anonymous), run, answer, log. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "../auth/authenticate";
import type { CredentialRegistry } from "../auth/credentials";
import type { NonceCache } from "../auth/nonces";
import type { OidcProviderRegistry } from "../accounts/oidcProviders";
import type { RoleRegistry } from "../accounts/roles";
import { ApiError, internalError, invalidAction, invalidVersion, missingParameter } from "../errors";
import { parseRequest, readBody } from "../http/parseRequest";
import { sendError, sendResult } from "../http/respond";
import type { EmulatorLogEntry, RequestLog } from "../requestLog";
import { assumeRole } from "./assumeRole";
import { assumeRoleWithOidc } from "./assumeRoleWithOidc";
import type { SessionIssuer } from "./sessions";

export const STS_API_VERSION = "2015-04-01";
export const STS_ACTIONS = { assumeRole: "AssumeRole", assumeRoleWithOidc: "AssumeRoleWithOIDC" } as const;

export interface StsCore {
  clock(): number;
  nextRequestId(): string;
  registry: CredentialRegistry;
  nonces: NonceCache;
  roles: RoleRegistry;
  oidcProviders: OidcProviderRegistry;
  sessions: SessionIssuer;
  log: RequestLog;
}

function checkVersion(version: string | undefined): void {
  if (!version) throw missingParameter("Version");
  if (version !== STS_API_VERSION) throw invalidVersion(version);
}

export async function handleStsRequest(
  core: StsCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = core.nextRequestId();
  const entry: EmulatorLogEntry = { time: core.clock(), action: "", params: {}, status: 0, requestId };
  try {
    const parsed = parseRequest(req, await readBody(req));
    core.log.count(parsed.action);
    entry.action = parsed.action ?? "";
    entry.params = parsed.params;
    const now = core.clock();
    let body: Record<string, unknown>;
    if (parsed.action === STS_ACTIONS.assumeRoleWithOidc) {
      checkVersion(parsed.params.Version);
      body = assumeRoleWithOidc(parsed.params, core.roles, core.oidcProviders, core.sessions, now);
    } else {
      const { principal, claims } = authenticate(parsed, core.registry, core.nonces, now);
      entry.accessKeyId = principal.accessKeyId;
      entry.accountId = principal.accountId;
      entry.scheme = claims.scheme;
      checkVersion(claims.version);
      if (!parsed.action) throw missingParameter("Action");
      if (parsed.action !== STS_ACTIONS.assumeRole) throw invalidAction(parsed.action);
      body = assumeRole(parsed.params, principal, core.roles, core.sessions, now);
    }
    entry.status = 200;
    sendResult(res, requestId, body);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : internalError();
    if (!(error instanceof ApiError)) {
      console.error(
        `alicloud-vpc-emulator (sts): ${requestId}: ${(error as Error)?.message ?? String(error)}`,
      );
    }
    entry.status = apiError.status;
    entry.code = apiError.code;
    sendError(res, requestId, apiError);
  }
  core.log.add(entry);
}
