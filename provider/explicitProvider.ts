import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS } from "./api/config/keys";

/** `assumeRole` as @pulumi/alicloud's Provider takes it. */
export interface ProviderAssumeRole {
  /** The role's ARN, `acs:ram::<accountId>:role/<roleName>`. */
  roleArn: pulumi.Input<string>;
  /** @default "alicloud-vpn-routes" */
  sessionName?: pulumi.Input<string>;
  /** A RAM policy document (JSON text) narrowing the session. @default none */
  policy?: pulumi.Input<string>;
  /** Seconds, 900-43200. @default 3600 */
  sessionExpiration?: pulumi.Input<number>;
  /** The trust policy's `sts:ExternalId`. @default none */
  externalId?: pulumi.Input<string>;
}

/** `assumeRoleWithOidc` as @pulumi/alicloud's Provider takes it. */
export interface ProviderAssumeRoleWithOidc {
  /** The OIDC identity provider's ARN. */
  oidcProviderArn: pulumi.Input<string>;
  /** The role's ARN, `acs:ram::<accountId>:role/<roleName>`. */
  roleArn: pulumi.Input<string>;
  /** Read anew at every fetch. One of oidcTokenFile / oidcToken is required. */
  oidcTokenFile?: pulumi.Input<string>;
  /** Secret in state. */
  oidcToken?: pulumi.Input<string>;
  /** @default "alicloud-vpn-routes" */
  roleSessionName?: pulumi.Input<string>;
  /** A policy that narrows the session's permissions. */
  policy?: pulumi.Input<string>;
  /** Seconds, 900-43200. @default 3600 */
  sessionExpiration?: pulumi.Input<number>;
}

/** Endpoint overrides per product, as @pulumi/alicloud takes them; this package reads `vpc` and `sts`. */
export interface ProviderEndpoint {
  /** Full URL of the VPC API. */
  vpc?: pulumi.Input<string>;
  /** STS host (and port); always called over https. */
  sts?: pulumi.Input<string>;
}

/** The inputs of @pulumi/alicloud's Provider this package uses, same names. Each is optional. */
export interface ProviderArgs {
  /** The gateway's region. */
  region?: pulumi.Input<string>;
  /** Access key ID (`alicloud:accessKey`). */
  accessKey?: pulumi.Input<string>;
  /** Secret in state. */
  secretKey?: pulumi.Input<string>;
  /** Secret in state. */
  securityToken?: pulumi.Input<string>;
  /** aliyun CLI profile (`alicloud:profile`). */
  profile?: pulumi.Input<string>;
  /** aliyun CLI profile file (`alicloud:sharedCredentialsFile`). */
  sharedCredentialsFile?: pulumi.Input<string>;
  /** A role assumed on top of the credentials found (`alicloud:assumeRole`). */
  assumeRole?: pulumi.Input<ProviderAssumeRole>;
  /** An OIDC role, for CI without keys (`alicloud:assumeRoleWithOidc`). */
  assumeRoleWithOidc?: pulumi.Input<ProviderAssumeRoleWithOidc>;
  /** The ECS instance's RAM role (`alicloud:ecsRoleName`). */
  ecsRoleName?: pulumi.Input<string>;
  /** A URI that serves temporary credentials (`alicloud:credentialsUri`). */
  credentialsUri?: pulumi.Input<string>;
  /** Endpoints by service, `[{ vpc, sts }]` (`alicloud:endpoints`). */
  endpoints?: pulumi.Input<pulumi.Input<ProviderEndpoint>[]>;
}

/**
 * A provider for routes in another account or region: `new Provider("member-prod", { region, assumeRole })`
 * and `{ provider }` on routes, or on a VpnGatewayRoutes (its children inherit it).
 *
 * A `pulumi-nodejs` provider resource: the engine starts a provider process of its own for it and calls its
 * configure() with these inputs instead of the stack config (checked with @pulumi/pulumi 3.248 and the real
 * engine, tests/e2e/explicit-provider.e2e.test.ts). The inputs are registered under the stack-config keys
 * (`alicloud:region`...), so that process resolves them exactly as the default provider resolves the stack
 * config. The dynamic provider host implements no DiffConfig, so changing them updates the provider in
 * place and replaces no route.
 */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts: pulumi.ResourceOptions = {}) {
    super("pulumi-nodejs", name, configInputs(args), opts);
  }
}

const secret = <T>(value: pulumi.Input<T> | undefined) =>
  value === undefined ? undefined : pulumi.secret(value);

function configInputs(args: ProviderArgs): pulumi.Inputs {
  const oidc = args.assumeRoleWithOidc;
  const inputs: Record<string, pulumi.Input<unknown> | undefined> = {
    [CONFIG_KEYS.region]: args.region,
    [CONFIG_KEYS.accessKey]: args.accessKey,
    [CONFIG_KEYS.secretKey]: secret(args.secretKey),
    [CONFIG_KEYS.securityToken]: secret(args.securityToken),
    [CONFIG_KEYS.profile]: args.profile,
    [CONFIG_KEYS.sharedCredentialsFile]: args.sharedCredentialsFile,
    [CONFIG_KEYS.assumeRole]: args.assumeRole,
    // The whole object when it carries a token: a secret nested in a plain object is not kept secret.
    [CONFIG_KEYS.assumeRoleWithOidc]: pulumi
      .output(oidc)
      .apply((o) => (o?.oidcToken ? pulumi.secret(o) : o)) as pulumi.Input<unknown>,
    [CONFIG_KEYS.ecsRoleName]: args.ecsRoleName,
    [CONFIG_KEYS.credentialsUri]: args.credentialsUri,
    [CONFIG_KEYS.endpoints]: args.endpoints,
  };
  if (oidc === undefined) delete inputs[CONFIG_KEYS.assumeRoleWithOidc];
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)) as pulumi.Inputs;
}
