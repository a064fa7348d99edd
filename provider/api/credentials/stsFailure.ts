/** Turns an @alicloud/credentials failure into a CredentialFetchError that says what to grant, and leaks nothing. */
import { CredentialFetchError } from "../errors";

const ROLE_ACCOUNT = /^acs:ram::(\d+):role\//i;

interface StsAnswer {
  Code?: string;
  Message?: string;
}

/** The STS error body the SDK appends to its message (`... failed: {"Code":...}`); safe to show. */
function stsAnswer(err: unknown): StsAnswer | undefined {
  const message = (err as Error)?.message ?? "";
  const start = message.indexOf("{");
  if (start < 0) return undefined;
  try {
    const body = JSON.parse(message.slice(start)) as StsAnswer;
    return typeof body.Code === "string"
      ? { Code: body.Code, Message: String(body.Message ?? "") }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Only a network error code (ECONNREFUSED, SELF_SIGNED_CERT_IN_CHAIN...): SDK messages can quote the request URL. */
function networkCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

export function roleFailure(
  err: unknown,
  action: "AssumeRole" | "AssumeRoleWithOIDC",
  roleArn: string,
  hints: { externalId?: boolean; sessionExpiration: number; endpoint?: string; from: string },
): CredentialFetchError {
  if (err instanceof CredentialFetchError) return err;
  const account = ROLE_ACCOUNT.exec(roleArn)?.[1] ?? "(unknown)";
  const answer = stsAnswer(err);
  const sts = hints.endpoint ?? "sts.aliyuncs.com";
  if (!answer) {
    const code = networkCode(err) ?? "no answer";
    return new CredentialFetchError(
      `${action} of role ${roleArn} (account ${account}) failed: STS at ${sts} could not be reached (${code}). ` +
        `Check the sts entry of alicloud:endpoints and the network.`,
      { code, roleArn },
    );
  }
  const said = `${answer.Code}: ${answer.Message}`;
  let advice: string;
  switch (answer.Code) {
    case "EntityNotExist.Role":
      advice = `The role does not exist in account ${account}: create it there, or fix roleArn (${hints.from}).`;
      break;
    case "NoPermission":
      advice =
        action === "AssumeRole"
          ? `In account ${account}, grant it: the role's trust policy must name the caller's account in ` +
            `Principal.RAM (e.g. "acs:ram::<caller account>:root")` +
            (hints.externalId ? " with Condition StringEquals sts:ExternalId equal to externalId" : "") +
            `, and the caller needs the AliyunSTSAssumeRoleAccess policy.`
          : `In account ${account}, the role's trust policy must name the OIDC provider in Principal.Federated.`;
      break;
    case "InvalidParameter.DurationSeconds":
      advice =
        `sessionExpiration ${hints.sessionExpiration} is outside the role's bounds: lower it, or raise the ` +
        `role's MaxSessionDuration in account ${account}.`;
      break;
    default:
      advice = `Check ${hints.from}.`;
  }
  return new CredentialFetchError(
    `${action} of role ${roleArn} (account ${account}) was refused: ${said}. ${advice}`,
    {
      code: answer.Code,
      roleArn,
    },
  );
}

export function uriFailure(err: unknown, origin: string): CredentialFetchError {
  const status = /httpStatus: (\d+)/.exec((err as Error)?.message ?? "")?.[1];
  const why = status ? `HTTP ${status}` : (networkCode(err) ?? "an answer without credentials");
  return new CredentialFetchError(
    `The credentials URI at ${origin} gave no credentials (${why}). Check alicloud:credentialsUri / ALIBABA_CLOUD_CREDENTIALS_URI.`,
  );
}
