/** RAM roles, each owned by an account, with the trust policy STS checks before handing out a session. */
import type { EmulatorRole } from "../options";
import { parseRamArn, roleArn } from "./arn";

/** RAM's default and the bounds of a role's MaxSessionDuration. */
export const DEFAULT_MAX_SESSION_SECONDS = 3600;
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43200;

export interface RoleRecord {
  arn: string;
  accountId: string;
  roleName: string;
  roleId: string;
  trustedAccounts: string[];
  trustedOidcProviders: string[];
  externalId?: string;
  maxSessionDuration: number;
}

export class RoleRegistry {
  private readonly byArn = new Map<string, RoleRecord>();

  constructor(roles: EmulatorRole[] = []) {
    for (const role of roles) this.add(role);
  }

  add(role: EmulatorRole): RoleRecord {
    const maxSessionDuration = role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS;
    if (maxSessionDuration < DEFAULT_MAX_SESSION_SECONDS || maxSessionDuration > MAX_SESSION_SECONDS) {
      throw new Error(`role ${role.roleName}: maxSessionDuration must be 3600-43200 seconds`);
    }
    const record: RoleRecord = {
      arn: roleArn(role.accountId, role.roleName),
      accountId: role.accountId,
      roleName: role.roleName,
      roleId: `3${role.accountId.slice(-8)}${this.byArn.size.toString().padStart(9, "0")}`,
      trustedAccounts: role.trustedAccounts ?? [role.accountId],
      trustedOidcProviders: role.trustedOidcProviders ?? [],
      externalId: role.externalId,
      maxSessionDuration,
    };
    this.byArn.set(record.arn, record);
    return record;
  }

  /** The role an ARN names, matched as RAM matches names (case-insensitively). */
  find(arn: string): RoleRecord | undefined {
    const parsed = parseRamArn(arn);
    if (!parsed || parsed.kind !== "role") return undefined;
    return this.byArn.get(roleArn(parsed.accountId, parsed.name));
  }
}
