/** Parameters shared by AssumeRole and AssumeRoleWithOIDC. */
import { missingParameter } from "../errors";
import { parseRamArn } from "../accounts/arn";
import { MIN_SESSION_SECONDS, type RoleRecord, type RoleRegistry } from "../accounts/roles";
import { durationInvalid, roleArnInvalid, roleNotFound, sessionNameInvalid } from "./errors";

const SESSION_NAME = /^[\w.@-]{2,64}$/;
/** STS's default when DurationSeconds is not sent. */
const DEFAULT_DURATION_SECONDS = 3600;

export function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

export function findRole(params: Record<string, string>, roles: RoleRegistry): RoleRecord {
  const arn = required(params, "RoleArn");
  const parsed = parseRamArn(arn);
  if (!parsed || parsed.kind !== "role") throw roleArnInvalid(arn);
  const role = roles.find(arn);
  if (!role) throw roleNotFound(arn);
  return role;
}

export function sessionName(params: Record<string, string>): string {
  const name = required(params, "RoleSessionName");
  if (!SESSION_NAME.test(name)) throw sessionNameInvalid();
  return name;
}

export function durationSeconds(params: Record<string, string>, role: RoleRecord): number {
  const text = params.DurationSeconds;
  const seconds = text === undefined || text === "" ? DEFAULT_DURATION_SECONDS : Number(text);
  if (!Number.isInteger(seconds) || seconds < MIN_SESSION_SECONDS || seconds > role.maxSessionDuration) {
    throw durationInvalid(role.maxSessionDuration);
  }
  return seconds;
}
