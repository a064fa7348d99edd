/**
 * plugin/schema.json against the TypeScript types it describes: every input of the routes, the component and the
 * provider, required where TypeScript requires it, so the two cannot drift. The key lists below are typed against
 * the interfaces (`Requiredness<T>`): adding, removing or making optional a field there fails `npm run build`
 * until the list (and then, through this test, the schema) follows.
 */
import type {
  GatewayPolicyRouteSpec,
  GatewayRouteDefaults,
  GatewayRouteSpec,
  VpnGatewayRoutesArgs,
} from "../../components";
import type { GatewayRouteStatus } from "../../components/routeStatuses";
import type { VpnGatewayRouteTableArgs } from "../../components/VpnGatewayRouteTable";
import type { RouteTableOutputs, TableRouteInputs, TableRouteStatus } from "../../provider/tableTypes";
import { CONFIG_KEYS } from "../../provider/api/config/keys";
import { ALLOWED_WEIGHTS } from "../../provider/constants";
import type {
  ProviderArgs,
  ProviderAssumeRole,
  ProviderAssumeRoleWithOidc,
  ProviderEndpoint,
} from "../../provider/explicitProvider";
import { OUTPUT_ONLY_KEYS } from "../../provider/lifecycle/outputs";
import type { RouteOutputs, VpnPbrRouteEntryArgs, VpnRouteEntryArgs } from "../../provider/types";
import { PROVIDER_CONFIG_NAMES } from "../../plugin/config";
import schema from "../../plugin/schema.json";
import {
  GATEWAY_ROUTES_TOKEN,
  PACKAGE_NAME,
  PBR_ROUTE_ENTRY_TOKEN,
  ROUTE_ENTRY_TOKEN,
  ROUTE_TABLE_TOKEN,
} from "../../plugin/tokens";

/** Each key of T, and whether T requires it. */
type Requiredness<T> = { [K in keyof T]-?: object extends Pick<T, K> ? "optional" : "required" };

const routeArgs: Requiredness<VpnRouteEntryArgs> = {
  vpnGatewayId: "required",
  routeDest: "required",
  nextHop: "required",
  weight: "required",
  publishVpc: "required",
  description: "optional",
  overlayMode: "optional",
  region: "optional",
  adopt: "optional",
};
const pbrRouteArgs: Requiredness<VpnPbrRouteEntryArgs> = {
  ...routeArgs,
  routeSource: "required",
  priority: "optional",
};
const componentArgs: Requiredness<VpnGatewayRoutesArgs> = {
  vpnGatewayId: "required",
  region: "optional",
  routes: "optional",
  policyRoutes: "optional",
  defaults: "optional",
  routeQuota: "optional",
  adopt: "optional",
};
const tableArgs: Requiredness<VpnGatewayRouteTableArgs> = {
  vpnGatewayId: "required",
  region: "optional",
  routes: "optional",
  policyRoutes: "optional",
  defaults: "optional",
  exclusive: "optional",
};
const tableOutputs: Requiredness<RouteTableOutputs> = {
  vpnGatewayId: "required",
  region: "required",
  routes: "required",
  policyRoutes: "required",
  statuses: "required",
  exclusive: "optional",
  deletedUndeclared: "optional",
};
// A table's route: a route's inputs less what the table holds once (gateway, region) and `adopt`.
const { vpnGatewayId: _gateway, region: _region, adopt: _adopt, ...routeFields } = pbrRouteArgs;
const tableRoute: Requiredness<TableRouteInputs> = { ...routeFields, routeSource: "optional" };
const tableRouteStatus: Requiredness<TableRouteStatus> = { id: "required", state: "required" };
const routeSpec: Requiredness<GatewayRouteSpec> = {
  routeDest: "required",
  nextHop: "optional",
  weight: "optional",
  publishVpc: "optional",
  description: "optional",
  overlayMode: "optional",
  key: "optional",
};
const policyRouteSpec: Requiredness<GatewayPolicyRouteSpec> = {
  routeSource: "required",
  routeDest: "required",
  nextHop: "optional",
  weight: "optional",
  priority: "optional",
  publishVpc: "optional",
  description: "optional",
  key: "optional",
};
const routeDefaults: Requiredness<GatewayRouteDefaults> = {
  nextHop: "optional",
  weight: "optional",
  publishVpc: "optional",
};
const routeStatus: Requiredness<GatewayRouteStatus> = {
  id: "required",
  kind: "required",
  state: "required",
  weight: "required",
  published: "required",
};
const providerArgs: Requiredness<ProviderArgs> = {
  region: "optional",
  accessKey: "optional",
  secretKey: "optional",
  securityToken: "optional",
  profile: "optional",
  sharedCredentialsFile: "optional",
  assumeRole: "optional",
  assumeRoleWithOidc: "optional",
  ecsRoleName: "optional",
  credentialsUri: "optional",
  endpoints: "optional",
};
const assumeRole: Requiredness<ProviderAssumeRole> = {
  roleArn: "required",
  sessionName: "optional",
  policy: "optional",
  sessionExpiration: "optional",
  externalId: "optional",
};
const assumeRoleWithOidc: Requiredness<ProviderAssumeRoleWithOidc> = {
  oidcProviderArn: "required",
  roleArn: "required",
  oidcTokenFile: "optional",
  oidcToken: "optional",
  roleSessionName: "optional",
  policy: "optional",
  sessionExpiration: "optional",
};
const endpoint: Requiredness<ProviderEndpoint> = { vpc: "optional", sts: "optional" };
const routeOutputs: Requiredness<RouteOutputs> = {
  ...routeArgs,
  region: "required",
  state: "required",
  createTime: "optional",
  routeEntryType: "optional",
  routeSource: "optional",
  priority: "optional",
};

interface Property {
  type?: string;
  $ref?: string;
  description?: string;
  secret?: boolean;
  items?: Property;
  additionalProperties?: Property;
}
interface ObjectType {
  type: string;
  description?: string;
  properties?: Record<string, Property>;
  required?: string[];
  enum?: { name: string; value: number; description?: string }[];
}
interface Resource {
  description: string;
  isComponent?: boolean;
  inputProperties: Record<string, Property>;
  requiredInputs?: string[];
  properties: Record<string, Property>;
  required?: string[];
}
const doc = schema as unknown as {
  name: string;
  config: { variables: Record<string, Property> };
  provider: { inputProperties: Record<string, Property> };
  types: Record<string, ObjectType>;
  resources: Record<string, Resource>;
};

const keys = (spec: object) => Object.keys(spec).sort();
const required = (spec: Record<string, string>) => keys(spec).filter((k) => spec[k] === "required");
const type = (name: string) => doc.types[`${PACKAGE_NAME}:index:${name}`];

describe("plugin/schema.json", () => {
  it("names the package and the tokens the plugin serves", () => {
    expect(doc.name).toBe(PACKAGE_NAME);
    expect(Object.keys(doc.resources).sort()).toEqual(
      [ROUTE_ENTRY_TOKEN, PBR_ROUTE_ENTRY_TOKEN, GATEWAY_ROUTES_TOKEN, ROUTE_TABLE_TOKEN].sort(),
    );
    expect(doc.resources[GATEWAY_ROUTES_TOKEN].isComponent).toBe(true);
  });

  it.each([
    [ROUTE_ENTRY_TOKEN, routeArgs],
    [PBR_ROUTE_ENTRY_TOKEN, pbrRouteArgs],
    [GATEWAY_ROUTES_TOKEN, componentArgs],
    [ROUTE_TABLE_TOKEN, tableArgs],
  ])("%s: the inputs of its TypeScript args, required alike", (token, spec) => {
    const resource = doc.resources[token];
    expect(keys(resource.inputProperties)).toEqual(keys(spec));
    expect([...(resource.requiredInputs ?? [])].sort()).toEqual(required(spec));
  });

  it("the routes' outputs are RouteOutputs (less a destination route's policy fields), state and region always set", () => {
    const dbr = doc.resources[ROUTE_ENTRY_TOKEN];
    const pbr = doc.resources[PBR_ROUTE_ENTRY_TOKEN];
    expect(keys(pbr.properties)).toEqual(keys(routeOutputs));
    expect(keys(dbr.properties)).toEqual(
      keys(routeOutputs).filter((k) => k !== "routeSource" && k !== "priority"),
    );
    // Every output-only key the provider writes (vpnInstanceId is no longer written: see outputs.ts).
    for (const key of OUTPUT_ONLY_KEYS.filter((k) => k !== "vpnInstanceId"))
      expect(pbr.properties[key]).toBeDefined();
    expect([...(dbr.required ?? [])].sort()).toEqual(required(routeOutputs));
    // A policy route's source is its identity: always in its outputs (RouteOutputs, shared, has it optional).
    expect([...(pbr.required ?? [])].sort()).toEqual([...required(routeOutputs), "routeSource"].sort());
  });

  it.each([
    ["GatewayRouteSpec", routeSpec],
    ["GatewayPolicyRouteSpec", policyRouteSpec],
    ["GatewayRouteDefaults", routeDefaults],
    ["GatewayRouteStatus", routeStatus],
    ["TableRoute", tableRoute],
    ["TableRouteStatus", tableRouteStatus],
    ["ProviderAssumeRole", assumeRole],
    ["ProviderAssumeRoleWithOidc", assumeRoleWithOidc],
    ["ProviderEndpoint", endpoint],
  ])("type %s: the fields of its TypeScript interface, required alike", (name, spec) => {
    expect(keys(type(name).properties ?? {})).toEqual(keys(spec));
    expect([...(type(name).required ?? [])].sort()).toEqual(required(spec));
  });

  it("the component's outputs are its public outputs, routes a map of GatewayRouteStatus", () => {
    const component = doc.resources[GATEWAY_ROUTES_TOKEN];
    expect(keys(component.properties)).toEqual(["policyRouteCount", "routeCount", "routes", "vpnGatewayId"]);
    expect(component.properties.routes.additionalProperties?.$ref).toBe(
      `#/types/${PACKAGE_NAME}:index:GatewayRouteStatus`,
    );
  });

  it("the table's outputs are RouteTableOutputs, its routes maps of TableRoute by key, as the gateway lists them", () => {
    const table = doc.resources[ROUTE_TABLE_TOKEN];
    expect(table.isComponent).toBeUndefined();
    expect(keys(table.properties)).toEqual(keys(tableOutputs));
    expect([...(table.required ?? [])].sort()).toEqual(required(tableOutputs));
    for (const field of ["routes", "policyRoutes"]) {
      expect(table.properties[field].additionalProperties?.$ref).toBe(
        `#/types/${PACKAGE_NAME}:index:TableRoute`,
      );
    }
    // Written as the TypeScript class takes them: route specs and their defaults.
    expect(table.inputProperties.routes.items?.$ref).toBe(`#/types/${PACKAGE_NAME}:index:GatewayRouteSpec`);
    expect(table.inputProperties.policyRoutes.items?.$ref).toBe(
      `#/types/${PACKAGE_NAME}:index:GatewayPolicyRouteSpec`,
    );
  });

  it("provider configuration: the stack config keys' names, the explicit Provider's inputs and this package's own", () => {
    expect(keys(doc.config.variables)).toEqual([...PROVIDER_CONFIG_NAMES].sort());
    expect(keys(doc.provider.inputProperties)).toEqual([...PROVIDER_CONFIG_NAMES].sort());
    const alicloudKeys = Object.entries(CONFIG_KEYS)
      .filter(([, key]) => key.startsWith("alicloud:"))
      .map(([name]) => name);
    // Each alicloud:<name> key is an explicit Provider input of the same name; the rest are alicloud-vpn's own.
    expect(alicloudKeys.sort()).toEqual(keys(providerArgs));
    expect(
      alicloudKeys.every((name) => CONFIG_KEYS[name as keyof typeof CONFIG_KEYS] === `alicloud:${name}`),
    ).toBe(true);
  });

  it("marks the secrets: secretKey, securityToken and an OIDC token", () => {
    const secrets = (props: Record<string, Property>) =>
      Object.entries(props)
        .filter(([, p]) => p.secret === true)
        .map(([name]) => name)
        .sort();
    expect(secrets(doc.config.variables)).toEqual(["secretKey", "securityToken"]);
    expect(secrets(doc.provider.inputProperties)).toEqual(["secretKey", "securityToken"]);
    expect(secrets(type("ProviderAssumeRoleWithOidc").properties ?? {})).toEqual(["oidcToken"]);
  });

  it("weight is an integer enum of the API's two values wherever a route's weight is an input", () => {
    const weight = type("RouteWeight");
    expect(weight.type).toBe("integer");
    expect(weight.enum?.map((e) => e.value).sort((a, b) => a - b)).toEqual(
      [...ALLOWED_WEIGHTS].sort((a, b) => a - b),
    );
    const ref = `#/types/${PACKAGE_NAME}:index:RouteWeight`;
    for (const token of [ROUTE_ENTRY_TOKEN, PBR_ROUTE_ENTRY_TOKEN]) {
      expect(doc.resources[token].inputProperties.weight.$ref).toBe(ref);
    }
    for (const name of ["GatewayRouteSpec", "GatewayPolicyRouteSpec", "GatewayRouteDefaults"]) {
      expect(type(name).properties?.weight.$ref).toBe(ref);
    }
  });

  it("describes every resource, type and property", () => {
    const undescribed: string[] = [];
    const check = (where: string, props: Record<string, Property> | undefined) => {
      for (const [name, prop] of Object.entries(props ?? {}))
        if (!prop.description) undescribed.push(`${where}.${name}`);
    };
    check("config", doc.config.variables);
    check("provider", doc.provider.inputProperties);
    for (const [token, resource] of Object.entries(doc.resources)) {
      if (!resource.description) undescribed.push(token);
      check(`${token} inputs`, resource.inputProperties);
      check(`${token} outputs`, resource.properties);
    }
    for (const [token, t] of Object.entries(doc.types)) {
      if (!t.description) undescribed.push(token);
      check(token, t.properties);
    }
    expect(undescribed).toEqual([]);
  });
});
