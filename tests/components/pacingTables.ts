import type { VpnGatewayRoutes } from "../../components";

/** A gateway's table of `count` routes; the class is passed in so it loads after the mocks are set. */
export function table(Component: typeof VpnGatewayRoutes, name: string, count: number): VpnGatewayRoutes {
  return new Component(name, {
    vpnGatewayId: `vpn-${name}0001`,
    region: "cn-hangzhou",
    defaults: { nextHop: "vco-aaaa0001" },
    routes: Array.from({ length: count }, (_, i) => ({ routeDest: `10.${i}.0.0/16` })),
  });
}

export async function deployed(...components: VpnGatewayRoutes[]): Promise<void> {
  await Promise.all(components.map((c) => new Promise((resolve) => c.routes.apply(resolve))));
}
