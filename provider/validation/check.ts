/**
 * check(): every input of a route validated and normalised at preview time, without an API call: each field
 * checked on its own (a sentence saying what is wrong and what to do), unknown properties named with the
 * closest known one.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_PRIORITY,
  PROVIDER_KEY,
  UNKNOWN,
  VPN_PBR_ROUTE_ENTRY_TYPE,
  VPN_ROUTE_ENTRY_TYPE,
  ALLOWED_WEIGHTS,
  DESCRIPTION_MAX_LENGTH,
  DESCRIPTION_MIN_LENGTH,
  FORBIDDEN_DESCRIPTION_PREFIXES,
  OVERLAY_MODES,
  PRIORITY_MAX,
  PRIORITY_MIN,
} from "../constants";
import type { RouteKind } from "../types";
import { RESERVED, RESERVED_CIDR, isDefaultRoute, overlaps, parseCidr } from "./cidr";

/** A field check returns the normalised value, or a sentence saying what is wrong and what to do. */
export type FieldResult = { value: unknown } | { reason: string };

const GATEWAY_ID = /^vpn-[a-z0-9]{1,60}$/;
const CONNECTION_ID = /^vco-[a-z0-9]{1,60}$/;
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+){1,4}$/;

const show = (value: unknown): string => (typeof value === "string" ? `"${value}"` : JSON.stringify(value));

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `the ${typeof value} ${show(value)}`;
}

function requireString(
  value: unknown,
  example: string,
  allowEdgeSpaces = false,
): string | { reason: string } {
  if (typeof value !== "string")
    return { reason: `must be a string such as "${example}"; got ${typeName(value)}.` };
  if (!allowEdgeSpaces && value.trim() !== value)
    return { reason: `${show(value)} has spaces or line breaks at the start or end: remove them.` };
  return value;
}

export function gatewayId(value: unknown): FieldResult {
  const s = requireString(value, "vpn-bp1a3kqjiiq9legfx0001");
  if (typeof s !== "string") return s;
  if (GATEWAY_ID.test(s)) return { value: s };
  return {
    reason: `${show(s)} is not a VPN gateway ID: use the gateway's ID (not its name), which starts with "vpn-" followed by lower-case letters and digits, e.g. "vpn-bp1a3kqjiiq9legfx0001".`,
  };
}

export function nextHop(value: unknown): FieldResult {
  const s = requireString(value, "vco-bp15oes1py4i66rmd0001");
  if (typeof s !== "string") return s;
  if (CONNECTION_ID.test(s)) return { value: s };
  return {
    reason: `${show(s)} is not an IPsec connection ID: the next hop is the ID of an IPsec connection of this gateway, which starts with "vco-", e.g. "vco-bp15oes1py4i66rmd0001".`,
  };
}

export function routeDest(value: unknown): FieldResult {
  const s = requireString(value, "10.0.0.0/24");
  if (typeof s !== "string") return s;
  const parsed = parseCidr(s);
  if (!parsed.ok) return { reason: parsed.reason };
  const c = parsed.value;
  if (isDefaultRoute(c)) {
    return {
      reason: `the API does not accept the default route ${show(c.cidr)} as a destination: list the destination CIDR blocks the tunnel should carry instead.`,
    };
  }
  if (overlaps(c, RESERVED)) {
    return {
      reason: `${show(c.cidr)} overlaps ${RESERVED_CIDR}, which Alibaba Cloud reserves for its own services: choose a destination outside 100.64.0.0-100.127.255.255.`,
    };
  }
  return { value: c.cidr };
}

export function routeSource(value: unknown): FieldResult {
  const s = requireString(value, "192.168.0.0/24");
  if (typeof s !== "string") return s;
  const parsed = parseCidr(s);
  return parsed.ok ? { value: parsed.value.cidr } : { reason: parsed.reason };
}

export function weight(value: unknown): FieldResult {
  if (typeof value === "number" && ALLOWED_WEIGHTS.includes(value)) return { value };
  if (typeof value === "number") return { reason: `must be 0 (standby) or 100 (active); got ${value}.` };
  return { reason: `must be the number 0 (standby) or 100 (active); got ${typeName(value)}.` };
}

export function priority(value: unknown): FieldResult {
  if (typeof value === "number" && Number.isInteger(value) && value >= PRIORITY_MIN && value <= PRIORITY_MAX)
    return { value };
  const got = typeof value === "number" ? String(value) : typeName(value);
  return {
    reason: `must be a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX} (a smaller number wins); got ${got}. Leave it out for the default, 10.`,
  };
}

function boolean(value: unknown, meaning: string): FieldResult {
  if (typeof value === "boolean") return { value };
  return { reason: `must be true or false (${meaning}); got ${typeName(value)}.` };
}

export const publishVpc = (value: unknown): FieldResult =>
  boolean(value, "whether to advertise the route to the VPC's route table");
export const adopt = (value: unknown): FieldResult =>
  boolean(value, "whether to take over an identical route that already exists");

export function description(value: unknown): FieldResult {
  const s = requireString(value, "to the data centre", true);
  if (typeof s !== "string") return s;
  const length = [...s].length;
  if (length < DESCRIPTION_MIN_LENGTH || length > DESCRIPTION_MAX_LENGTH) {
    return {
      reason: `must be ${DESCRIPTION_MIN_LENGTH} to ${DESCRIPTION_MAX_LENGTH} characters long; got ${length}. ${length === 0 ? "Leave it out for no description." : "Shorten it."}`,
    };
  }
  const prefix = FORBIDDEN_DESCRIPTION_PREFIXES.find((p) => s.toLowerCase().startsWith(p));
  if (prefix)
    return { reason: `must not start with "${prefix}" (the API refuses it): put a word before the link.` };
  return { value: s };
}

export function overlayMode(value: unknown): FieldResult {
  const s = requireString(value, OVERLAY_MODES[0]);
  if (typeof s !== "string") return s;
  if (OVERLAY_MODES.includes(s)) return { value: s };
  const sameLetters = OVERLAY_MODES.find((m) => m.toLowerCase() === s.toLowerCase());
  if (sameLetters) return { reason: `write it as "${sameLetters}" (the API compares it exactly).` };
  return {
    reason: `${show(s)} is not an overlay mode: the only one is "${OVERLAY_MODES.join('", "')}"; leave it out for the default.`,
  };
}

export function region(value: unknown): FieldResult {
  const s = requireString(value, "cn-hangzhou");
  if (typeof s !== "string") return s;
  if (REGION_ID.test(s)) return { value: s };
  return {
    reason: `${show(s)} is not a region ID: use the lower-case ID such as "cn-hangzhou" or "ap-southeast-1" (not the region's display name), or leave it out to use alicloud:region.`,
  };
}

interface PropertySpec {
  required: boolean;
  validate: (value: unknown) => FieldResult;
  /** For a missing required property: what it is, with an example. */
  hint?: string;
}

const COMMON: Record<string, PropertySpec> = {
  vpnGatewayId: {
    required: true,
    validate: gatewayId,
    hint: 'the ID of the VPN gateway, e.g. "vpn-bp1a3kqjiiq9legfx0001"',
  },
  routeDest: {
    required: true,
    validate: routeDest,
    hint: 'the destination CIDR block, e.g. "10.0.0.0/24"',
  },
  nextHop: {
    required: true,
    validate: nextHop,
    hint: 'the IPsec connection ID, e.g. "vco-bp15oes1py4i66rmd0001"',
  },
  weight: { required: true, validate: weight, hint: "100 (active) or 0 (standby)" },
  publishVpc: {
    required: true,
    validate: publishVpc,
    hint: "true to advertise the route to the VPC, false not to",
  },
  description: { required: false, validate: description },
  overlayMode: { required: false, validate: overlayMode },
  region: { required: false, validate: region },
  adopt: { required: false, validate: adopt },
};

const POLICY_ONLY: Record<string, PropertySpec> = {
  routeSource: {
    required: true,
    validate: routeSource,
    hint: 'the source CIDR block, e.g. "192.168.0.0/24"',
  },
  priority: { required: false, validate: priority },
};

export const PROPERTY_SPECS: Record<RouteKind, Record<string, PropertySpec>> = {
  dbr: COMMON,
  pbr: { ...COMMON, ...POLICY_ONLY },
};

export interface CheckOutcome {
  inputs: Record<string, unknown>;
  failures: pulumi.dynamic.CheckFailure[];
}

function unknownPropertyReason(kind: RouteKind, name: string): string {
  const typeName = kind === "pbr" ? VPN_PBR_ROUTE_ENTRY_TYPE : VPN_ROUTE_ENTRY_TYPE;
  if (kind === "dbr" && name in POLICY_ONLY) {
    return `${name} belongs to policy-based routes: use ${VPN_PBR_ROUTE_ENTRY_TYPE} for a route chosen by source and destination, or remove ${name}.`;
  }
  const known = Object.keys(PROPERTY_SPECS[kind]);
  const guess = closestName(name, known);
  const hint = guess ? ` Did you mean "${guess}"?` : "";
  return `${typeName} has no property "${name}".${hint} Its properties are: ${known.join(", ")}.`;
}

/**
 * Validates a route's inputs without calling the API and returns them normalised (canonical CIDRs, the
 * default priority of policy routes). Values not known yet (preview) pass unchanged: they are checked
 * again when known.
 */
export function checkRouteInputs(kind: RouteKind, news: Record<string, unknown>): CheckOutcome {
  const specs = PROPERTY_SPECS[kind];
  const inputs: Record<string, unknown> = {};
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const [name, value] of Object.entries(news)) {
    if (name === PROVIDER_KEY || value === undefined) continue;
    const spec = specs[name];
    if (!spec) {
      failures.push({ property: name, reason: unknownPropertyReason(kind, name) });
      continue;
    }
    if (value === UNKNOWN) {
      inputs[name] = value;
      continue;
    }
    // null means "not set": a missing required property is reported below.
    if (value === null) continue;
    const result = spec.validate(value);
    if ("reason" in result) failures.push({ property: name, reason: `${name}: ${result.reason}` });
    else inputs[name] = result.value;
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && (news[name] === undefined || news[name] === null)) {
      failures.push({ property: name, reason: `${name} is required: set it to ${spec.hint}.` });
    }
  }
  if (kind === "pbr" && (news.priority === undefined || news.priority === null))
    inputs.priority = DEFAULT_PRIORITY;
  if (PROVIDER_KEY in news) inputs[PROVIDER_KEY] = news[PROVIDER_KEY];
  return { inputs, failures };
}

/** Levenshtein distance, small inputs only (property names). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The closest known name when it is plausibly a typo (or differs only in case), else undefined. */
function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const score = c === lower ? 0 : c.startsWith(lower) || lower.startsWith(c) ? 1 : distance(lower, c);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
