/** What a signed request claims, independent of the signing scheme. */
export interface SignedClaims {
  scheme: "rpc" | "acs3";
  accessKeyId: string;
  nonce: string;
  timestamp: string;
  securityToken?: string;
  /** The `Version` the request asks for. */
  version?: string;
  /** Recomputes the signature with the key's secret and compares it. */
  verify(accessKeySecret: string): boolean;
}
