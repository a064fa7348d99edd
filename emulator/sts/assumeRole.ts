/** AssumeRole: a signed caller asks for a session of a role; the role's trust policy decides. */
import type { Principal } from "../auth/credentials";
import type { RoleRegistry } from "../accounts/roles";
import { externalIdMismatch, notTrusted } from "./errors";
import { durationSeconds, findRole, sessionName } from "./params";
import { assumedRoleUser, type SessionIssuer } from "./sessions";

export function assumeRole(
  params: Record<string, string>,
  caller: Principal,
  roles: RoleRegistry,
  sessions: SessionIssuer,
  now: number,
): Record<string, unknown> {
  const role = findRole(params, roles);
  const name = sessionName(params);
  const duration = durationSeconds(params, role);
  if (!role.trustedAccounts.includes(caller.accountId)) throw notTrusted(role.arn, caller.accountId);
  if (role.externalId !== undefined && params.ExternalId !== role.externalId) {
    throw externalIdMismatch(role.arn);
  }
  return {
    Credentials: sessions.issue(role, duration, now),
    AssumedRoleUser: assumedRoleUser(role, name),
  };
}
