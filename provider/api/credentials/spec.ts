/** What the credential chain resolved to, before any network call: static keys, or how to get a session. */

export interface StaticCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** An STS token; sent as `x-acs-security-token` (ACS3) or `SecurityToken` (RPC). */
  securityToken?: string;
}

/** Where STS is reached: a host (and port), called over https. */
export interface StsTarget {
  /** e.g. `sts.aliyuncs.com`, `127.0.0.1:8443`. @default the SDK's choice (sts.aliyuncs.com, or ALIBABA_CLOUD_STS_REGION's) */
  endpoint?: string;
}

export interface AssumeRoleSpec extends StsTarget {
  roleArn: string;
  sessionName: string;
  policy?: string;
  /** Seconds, 900-43200. */
  sessionExpiration: number;
  externalId?: string;
}

export interface OidcSpec extends StsTarget {
  oidcProviderArn: string;
  roleArn: string;
  roleSessionName: string;
  /** Read anew at every fetch (CI runners rotate it). */
  oidcTokenFile?: string;
  /** Inline token, when no file is given. */
  oidcToken?: string;
  policy?: string;
  sessionExpiration: number;
}

export type CredentialSpec =
  | { kind: "static"; credentials: StaticCredentials }
  | { kind: "assumeRole"; base: CredentialSpec; role: AssumeRoleSpec }
  | { kind: "oidc"; oidc: OidcSpec }
  | { kind: "uri"; uri: string }
  | { kind: "ecs"; roleName?: string; metadataOrigin: string; disableImdsV1: boolean };

/** A key naming a spec without its secrets, for the per-process session cache. */
export function specKey(spec: CredentialSpec): string {
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
