/** An OIDC identity provider for tests: an RSA key pair and RS256-signed ID tokens. */
import { generateKeyPairSync, sign } from "node:crypto";

export interface TestOidcIssuer {
  issuerUrl: string;
  clientId: string;
  publicKeyPem: string;
  /** An ID token; `expiresInSeconds` may be negative (already expired). */
  token(claims?: {
    aud?: string;
    iss?: string;
    sub?: string;
    expiresInSeconds?: number;
    now?: number;
  }): string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function testOidcIssuer(
  issuerUrl = "https://oidc.test.invalid",
  clientId = "sts.aliyuncs.com",
): TestOidcIssuer {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    issuerUrl,
    clientId,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    token(claims = {}) {
      const now = Math.floor((claims.now ?? Date.now()) / 1000);
      const header = b64({ alg: "RS256", typ: "JWT", kid: "test" });
      const payload = b64({
        iss: claims.iss ?? issuerUrl,
        aud: claims.aud ?? clientId,
        sub: claims.sub ?? "repo:example/landing-zone:ref:refs/heads/main",
        iat: now,
        exp: now + (claims.expiresInSeconds ?? 600),
      });
      const signature = sign("sha256", Buffer.from(`${header}.${payload}`), privateKey).toString("base64url");
      return `${header}.${payload}.${signature}`;
    },
  };
}
