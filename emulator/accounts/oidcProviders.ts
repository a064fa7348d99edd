/** OIDC identity providers registered in RAM, each owned by an account. */
import type { EmulatorOidcProvider } from "../options";
import { oidcProviderArn } from "./arn";

export interface OidcProviderRecord {
  arn: string;
  accountId: string;
  issuerUrl: string;
  clientIds: string[];
  /** PEM public key the provider signs its ID tokens with (RS256). */
  publicKeyPem: string;
}

export class OidcProviderRegistry {
  private readonly byArn = new Map<string, OidcProviderRecord>();

  constructor(providers: EmulatorOidcProvider[] = []) {
    for (const p of providers) this.add(p);
  }

  add(p: EmulatorOidcProvider): OidcProviderRecord {
    const record: OidcProviderRecord = {
      arn: oidcProviderArn(p.accountId, p.name),
      accountId: p.accountId,
      issuerUrl: p.issuerUrl,
      clientIds: [...p.clientIds],
      publicKeyPem: p.publicKeyPem,
    };
    this.byArn.set(record.arn, record);
    return record;
  }

  find(arn: string): OidcProviderRecord | undefined {
    return this.byArn.get(arn.trim());
  }
}
