/** Named constants of the VPC API wire protocol and of this client's defaults. */

export const API_VERSION = "2016-04-28";
export const PRODUCT = "vpc";

/** Response header (seconds) the newer SDKs honour on throttled calls. */
export const HEADER_RETRY_AFTER = "x-acs-retry-after";

export const ACS3_HEADERS = {
  action: "x-acs-action",
  version: "x-acs-version",
  date: "x-acs-date",
  nonce: "x-acs-signature-nonce",
  contentSha256: "x-acs-content-sha256",
  securityToken: "x-acs-security-token",
  accessKeyId: "x-acs-accesskey-id",
} as const;

export const CONTENT_TYPE_FORM = "application/x-www-form-urlencoded";

/** The largest page the Describe* listings accept. */
export const MAX_PAGE_SIZE = 50;

/** @default 10 minutes for one logical operation, retries and waits included. */
export const DEFAULT_DEADLINE_MS = 600_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;

/** Polling of DescribeVpnGateway while a gateway applies a change. */
export const DEFAULT_GATEWAY_POLL_MS = 1_000;
export const MAX_GATEWAY_POLL_MS = 10_000;
export const GATEWAY_POLL_GROWTH = 1.5;
export const GATEWAY_STATUS_ACTIVE = "active";
