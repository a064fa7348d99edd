/**
 * The Pulumi program every engine scenario runs: one VpnGatewayRoutes component (or VpnGatewayRouteTable) per
 * gateway, as a landing-zone stack declares its tables. Plain JS that loads the package by name, so no compiler
 * runs in the timings.
 */
import { BENCH_NEXT_HOP, BENCH_REGION, BENCH_STANDBY_HOP, type BenchGateway } from "../topology";

export const PROGRAM_MAIN = "index.js";
export const SPEC_FILE = "bench-spec.json";

/**
 * `components`: one VpnGatewayRoutes per gateway, so the engine receives the routes gateway by gateway (how a
 * landing-zone program reads). `interleaved`: plain VpnRouteEntry resources declared round-robin over the
 * gateways, so any window of consecutive registrations spans every gateway. `tables`: one VpnGatewayRouteTable per
 * gateway, the same routes.
 */
export type ProgramLayout = "components" | "interleaved" | "tables";

export interface ProgramSpec {
  region: string;
  nextHop: string;
  standbyHop: string;
  layout: ProgramLayout;
  gateways: BenchGateway[];
}

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnGatewayRouteTable, VpnGatewayRoutes, VpnRouteEntry } = require("alicloud-vpn-routes");
const spec = require("./${SPEC_FILE}");
// Config failedOver: every pair's standby is the active route.
const failedOver = new pulumi.Config().getBoolean("failedOver") ?? false;

if (spec.layout === "components" || spec.layout === "tables") {
  const Table = spec.layout === "tables" ? VpnGatewayRouteTable : VpnGatewayRoutes;
  for (const gateway of spec.gateways) {
    new Table(gateway.name, {
      vpnGatewayId: gateway.vpnGatewayId,
      region: spec.region,
      defaults: { nextHop: spec.nextHop, weight: 100, publishVpc: true },
      routes: [
        ...gateway.routeDests.map((routeDest) => ({ routeDest })),
        ...(gateway.pairDests ?? []).flatMap((routeDest) => [
          { routeDest, weight: failedOver ? 0 : 100, publishVpc: !failedOver },
          { routeDest, nextHop: spec.standbyHop, weight: failedOver ? 100 : 0, publishVpc: failedOver },
        ]),
      ],
    });
  }
} else {
  const longest = Math.max(...spec.gateways.map((g) => g.routeDests.length));
  for (let i = 0; i < longest; i++) {
    for (const gateway of spec.gateways) {
      const routeDest = gateway.routeDests[i];
      if (routeDest === undefined) continue;
      new VpnRouteEntry(\`\${gateway.name}-\${i}\`, {
        vpnGatewayId: gateway.vpnGatewayId,
        region: spec.region,
        routeDest,
        nextHop: spec.nextHop,
        weight: 100,
        publishVpc: true,
      });
    }
  }
}
`;

export function programFiles(
  gateways: BenchGateway[],
  layout: ProgramLayout = "components",
): Record<string, string> {
  const spec: ProgramSpec = {
    region: BENCH_REGION,
    nextHop: BENCH_NEXT_HOP,
    standbyHop: BENCH_STANDBY_HOP,
    layout,
    gateways,
  };
  return { [PROGRAM_MAIN]: PROGRAM, [SPEC_FILE]: JSON.stringify(spec) };
}

/** A route of the YAML program: what the TypeScript program declares for it, in the plugin's schema's names. */
type YamlRoute = { routeDest: string; nextHop?: string; weight?: number; publishVpc?: boolean };

/**
 * The same routes as the `components` layout, in Pulumi YAML through the provider plugin: one
 * `alicloud-vpn:index:VpnGatewayRoutes` a gateway, the plugin found in the package's folder (`packages:`, as
 * examples/landing-zone-yaml does). YAML has no conditional, so a failover is this program again with
 * `failedOver` true.
 */
export function yamlProgramFiles(
  gateways: BenchGateway[],
  { packageDir, failedOver = false }: { packageDir: string; failedOver?: boolean },
): Record<string, string> {
  const lines = [
    "name: bench-yaml",
    "runtime: yaml",
    "packages:",
    `  alicloud-vpn: ${packageDir}`,
    "resources:",
  ];
  for (const gateway of gateways) {
    const routes: YamlRoute[] = [
      ...gateway.routeDests.map((routeDest) => ({ routeDest })),
      ...(gateway.pairDests ?? []).flatMap((routeDest) => [
        { routeDest, weight: failedOver ? 0 : 100, publishVpc: !failedOver },
        { routeDest, nextHop: BENCH_STANDBY_HOP, weight: failedOver ? 100 : 0, publishVpc: failedOver },
      ]),
    ];
    const defaults = { nextHop: BENCH_NEXT_HOP, weight: 100, publishVpc: true };
    // JSON is YAML's flow style: one route a line.
    lines.push(
      `  ${gateway.name}:`,
      "    type: alicloud-vpn:index:VpnGatewayRoutes",
      "    properties:",
      `      vpnGatewayId: ${gateway.vpnGatewayId}`,
      `      region: ${BENCH_REGION}`,
      `      defaults: ${JSON.stringify(defaults)}`,
      "      routes:",
      ...routes.map((route) => `        - ${JSON.stringify(route)}`),
    );
  }
  return { "Pulumi.yaml": `${lines.join("\n")}\n` };
}
