/**
 * Fetches through @alicloud/credentials, Alibaba's own implementation of the STS and credentials-URI
 * protocols (signing, parameters, response checks). Only its `refresher` is called: one fetch, no cache
 * (SessionCache does the caching; see there why).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  OIDCRoleArnCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  URICredentialsProvider,
} from "@alicloud/credentials";
import { parseExpiration, type Session } from "./session";
import type { AssumeRoleSpec, OidcSpec, StaticCredentials } from "./spec";
import { roleFailure, uriFailure } from "./stsFailure";

type BaseProvider = Parameters<
  ReturnType<typeof RAMRoleARNCredentialsProvider.builder>["withCredentialsProvider"]
>[0];
type LibrarySession = {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiration: string;
};
type Refreshing = { refresher: () => Promise<LibrarySession> };

function toSession(s: LibrarySession, what: string): Session {
  return {
    accessKeyId: s.accessKeyId,
    accessKeySecret: s.accessKeySecret,
    securityToken: s.securityToken,
    expiresAt: parseExpiration(s.expiration, what),
  };
}

export async function assumeRole(
  role: AssumeRoleSpec,
  base: () => Promise<StaticCredentials>,
  from: string,
): Promise<Session> {
  const baseProvider = {
    getCredentials: async () => ({ ...(await base()), providerName: "alicloud-vpn-routes" }),
    getProviderName: () => "alicloud-vpn-routes",
  } as unknown as BaseProvider;
  try {
    const builder = RAMRoleARNCredentialsProvider.builder()
      .withCredentialsProvider(baseProvider)
      .withRoleArn(role.roleArn)
      .withRoleSessionName(role.sessionName)
      .withDurationSeconds(role.sessionExpiration);
    if (role.policy) builder.withPolicy(role.policy);
    if (role.externalId) builder.withExternalId(role.externalId);
    if (role.endpoint) builder.withStsEndpoint(role.endpoint);
    const provider = builder.build() as unknown as Refreshing;
    return toSession(await provider.refresher(), "STS AssumeRole");
  } catch (err) {
    throw roleFailure(err, "AssumeRole", role.roleArn, {
      externalId: role.externalId !== undefined,
      sessionExpiration: role.sessionExpiration,
      endpoint: role.endpoint,
      from,
    });
  }
}

export async function assumeRoleWithOidc(oidc: OidcSpec, from: string): Promise<Session> {
  // The SDK reads the token from a file only; an inline oidcToken goes to a private file for the one call.
  const inline = oidc.oidcTokenFile ? undefined : mkdtempSync(join(tmpdir(), "alicloud-vpn-oidc-"));
  const tokenFile = oidc.oidcTokenFile ?? join(inline as string, "token");
  try {
    if (inline) writeFileSync(tokenFile, oidc.oidcToken ?? "", { mode: 0o600 });
    const builder = OIDCRoleArnCredentialsProvider.builder()
      .withOIDCProviderArn(oidc.oidcProviderArn)
      .withOIDCTokenFilePath(tokenFile)
      .withRoleArn(oidc.roleArn)
      .withRoleSessionName(oidc.roleSessionName)
      .withDurationSeconds(oidc.sessionExpiration);
    if (oidc.policy) builder.withPolicy(oidc.policy);
    if (oidc.endpoint) builder.withStsEndpoint(oidc.endpoint);
    const provider = builder.build() as unknown as Refreshing;
    return toSession(await provider.refresher(), "STS AssumeRoleWithOIDC");
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === "ENOENT") {
      throw roleFailure(new Error(), "AssumeRoleWithOIDC", oidc.roleArn, {
        sessionExpiration: oidc.sessionExpiration,
        from: `${from}: the OIDC token file ${tokenFile} is gone`,
      });
    }
    throw roleFailure(err, "AssumeRoleWithOIDC", oidc.roleArn, {
      sessionExpiration: oidc.sessionExpiration,
      endpoint: oidc.endpoint,
      from,
    });
  } finally {
    if (inline) rmSync(inline, { recursive: true, force: true });
  }
}

export async function fromCredentialsUri(uri: string): Promise<Session> {
  try {
    const provider = URICredentialsProvider.builder()
      .withCredentialsURI(uri)
      .build() as unknown as Refreshing;
    return toSession(await provider.refresher(), "the credentials URI");
  } catch (err) {
    throw uriFailure(err, new URL(uri).origin);
  }
}
