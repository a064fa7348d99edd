/** RAM ARNs as Alibaba Cloud writes them: `acs:ram::<accountId>:role/<name>`, `...:oidc-provider/<name>`. */

const RAM_ARN = /^acs:ram::(\d+):(role|oidc-provider)\/([\w.@+=,-]{1,128})$/i;

export interface RamArn {
  accountId: string;
  kind: "role" | "oidc-provider";
  /** Lower case: RAM names are case-insensitive and ARNs carry them lower-cased. */
  name: string;
}

export function parseRamArn(arn: string): RamArn | undefined {
  const match = RAM_ARN.exec(arn.trim());
  if (!match) return undefined;
  return {
    accountId: match[1],
    kind: match[2].toLowerCase() as RamArn["kind"],
    name: match[3].toLowerCase(),
  };
}

export function roleArn(accountId: string, roleName: string): string {
  return `acs:ram::${accountId}:role/${roleName.toLowerCase()}`;
}

export function oidcProviderArn(accountId: string, name: string): string {
  return `acs:ram::${accountId}:oidc-provider/${name}`;
}
