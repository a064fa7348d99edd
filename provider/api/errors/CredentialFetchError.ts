/**
 * Temporary credentials could not be fetched (STS, OIDC, the ECS metadata service, a credentials URI).
 * The message names the source, the role and its account, and what to change; it never quotes a secret,
 * a token, or a request URL (the SDK puts the caller's STS token in it).
 */
export class CredentialFetchError extends Error {
  override readonly name = "CredentialFetchError" as const;
  /** STS's error code, when STS answered. */
  readonly code?: string;
  readonly roleArn?: string;

  constructor(message: string, details: { code?: string; roleArn?: string } = {}) {
    super(message);
    this.code = details.code;
    this.roleArn = details.roleArn;
  }
}
