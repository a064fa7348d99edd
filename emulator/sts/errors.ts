/**
 * STS (2015-04-01) refusals. Codes and messages from Alibaba Cloud's STS error documentation ("STS common
 * errors", last updated Mar 13, 2025) where it names them; the OIDC claim codes besides `Expired` are
 * the emulator's choices (CHOICES.md).
 */
import { ApiError } from "../errors";

export const roleArnInvalid = (arn: string): ApiError =>
  new ApiError(
    "InvalidParameter.RoleArn",
    `The parameter RoleArn "${arn}" is wrongly formed (expected acs:ram::<accountId>:role/<roleName>).`,
    400,
  );

export const roleNotFound = (arn: string): ApiError =>
  new ApiError("EntityNotExist.Role", `The role not exists: ${arn}.`, 404);

export const notTrusted = (arn: string, callerAccountId: string): ApiError =>
  new ApiError(
    "NoPermission",
    `No permission perform sts:AssumeRole on this Role. Maybe you should check the role's trust policy: ` +
      `${arn} does not trust account ${callerAccountId}.`,
    403,
  );

export const externalIdMismatch = (arn: string): ApiError =>
  new ApiError(
    "NoPermission",
    `No permission perform sts:AssumeRole on this Role. The trust policy of ${arn} requires a matching sts:ExternalId.`,
    403,
  );

export const durationInvalid = (maxSeconds: number): ApiError =>
  new ApiError(
    "InvalidParameter.DurationSeconds",
    `The Min/Max value of DurationSeconds is 900/${maxSeconds} seconds.`,
    400,
  );

export const sessionNameInvalid = (): ApiError =>
  new ApiError(
    "InvalidParameter.RoleSessionName",
    "The parameter RoleSessionName is wrongly formed (2-64 characters of a-z A-Z 0-9 . @ - _).",
    400,
  );

export const oidcProviderNotFound = (arn: string): ApiError =>
  new ApiError("EntityNotExist.OIDCProvider", `The OIDC provider not exists: ${arn}.`, 404);

export const oidcTokenInvalid = (why: string): ApiError =>
  new ApiError("AuthenticationFail.OIDCToken.Invalid", `The OIDC token is invalid: ${why}.`, 400);

export const oidcTokenExpired = (): ApiError =>
  new ApiError("AuthenticationFail.OIDCToken.Expired", "The OIDC token is expired.", 400);

export const oidcIssuerMismatch = (): ApiError =>
  new ApiError(
    "AuthenticationFail.OIDCToken.IssuerNotMatch",
    "The issuer of the OIDC token does not match the OIDC provider's issuer URL.",
    400,
  );

export const oidcAudienceMismatch = (): ApiError =>
  new ApiError(
    "AuthenticationFail.OIDCToken.AudienceNotMatch",
    "The audience of the OIDC token is not a client ID of the OIDC provider.",
    400,
  );

export const oidcNotTrusted = (arn: string, providerArn: string): ApiError =>
  new ApiError(
    "NoPermission",
    `No permission perform sts:AssumeRoleWithOIDC on this Role: the trust policy of ${arn} does not trust ${providerArn}.`,
    403,
  );
