/** The access keys the emulator accepts, each tied to an account. */
import { DEFAULT_ACCOUNT_ID } from "../constants";
import type { EmulatorCredential } from "../options";
import { randomString, type Random } from "../random";

export interface Principal {
  accessKeyId: string;
  accessKeySecret: string;
  accountId: string;
  securityToken?: string;
  /** STS sessions: refused with InvalidSecurityToken.Expired from this instant (epoch ms). */
  expiresAt?: number;
  /** STS sessions: the assumed role. */
  roleArn?: string;
}

export class CredentialRegistry {
  private readonly byId = new Map<string, Principal>();

  constructor(credentials: EmulatorCredential[]) {
    for (const c of credentials) {
      this.byId.set(c.accessKeyId, { ...c, accountId: c.accountId ?? DEFAULT_ACCOUNT_ID });
    }
  }

  /** Keys issued at run time (STS sessions). */
  add(principal: Principal): void {
    this.byId.set(principal.accessKeyId, principal);
  }

  get(accessKeyId: string): Principal | undefined {
    return this.byId.get(accessKeyId);
  }

  first(): Principal {
    const first = this.byId.values().next();
    if (first.done) throw new Error("the emulator needs at least one credential");
    return first.value;
  }
}

/** A key pair shaped like Alibaba Cloud's (`LTAI` + 20 characters, a 30-character secret). */
export function generateCredential(random: Random): EmulatorCredential {
  return {
    accessKeyId: `LTAI${randomString(random, 20)}`,
    accessKeySecret: randomString(random, 30),
    accountId: DEFAULT_ACCOUNT_ID,
  };
}
