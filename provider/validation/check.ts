import type * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_PRIORITY,
  PROVIDER_KEY,
  UNKNOWN,
  VPN_PBR_ROUTE_ENTRY_TYPE,
  VPN_ROUTE_ENTRY_TYPE,
} from "../constants";
import type { RouteKind } from "../types";
import * as field from "./fields";
import { closestName } from "./suggest";

interface PropertySpec {
  required: boolean;
  validate: (value: unknown) => field.FieldResult;
  /** For a missing required property: what it is, with an example. */
  hint?: string;
}

const COMMON: Record<string, PropertySpec> = {
  vpnGatewayId: {
    required: true,
    validate: field.gatewayId,
    hint: 'the ID of the VPN gateway, e.g. "vpn-bp1a3kqjiiq9legfx0001"',
  },
  routeDest: {
    required: true,
    validate: field.routeDest,
    hint: 'the destination CIDR block, e.g. "10.0.0.0/24"',
  },
  nextHop: {
    required: true,
    validate: field.nextHop,
    hint: 'the IPsec connection ID, e.g. "vco-bp15oes1py4i66rmd0001"',
  },
  weight: { required: true, validate: field.weight, hint: "100 (active) or 0 (standby)" },
  publishVpc: {
    required: true,
    validate: field.publishVpc,
    hint: "true to advertise the route to the VPC, false not to",
  },
  description: { required: false, validate: field.description },
  overlayMode: { required: false, validate: field.overlayMode },
  region: { required: false, validate: field.region },
  adopt: { required: false, validate: field.adopt },
};

const POLICY_ONLY: Record<string, PropertySpec> = {
  routeSource: {
    required: true,
    validate: field.routeSource,
    hint: 'the source CIDR block, e.g. "192.168.0.0/24"',
  },
  priority: { required: false, validate: field.priority },
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
