import type { CredentialSpec } from "../credentials/spec";

const ROLE_ARN_ACCOUNT = /^acs:ram::(\d+):role\//i;

/**
 * Whose budget a call spends: Alibaba counts per parent account. An assumed role names its account in its
 * ARN; a static key stands for its own account (two keys of one account in one process then have a budget
 * each: a throttle answer still slows them down). Anything else is keyed by where its credentials came from.
 */
export function budgetAccount(spec: CredentialSpec, source: string): string {
  switch (spec.kind) {
    case "static":
      return `key:${spec.credentials.accessKeyId}`;
    case "assumeRole":
      return roleAccount(spec.role.roleArn) ?? `source:${source}`;
    case "oidc":
      return roleAccount(spec.oidc.roleArn) ?? `source:${source}`;
    default:
      return `source:${source}`;
  }
}

function roleAccount(roleArn: string): string | undefined {
  const match = ROLE_ARN_ACCOUNT.exec(roleArn);
  return match ? `account:${match[1]}` : undefined;
}
