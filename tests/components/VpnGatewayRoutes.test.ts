import * as pulumi from "@pulumi/pulumi";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registrations: Registration[] = [];
const childOptions = new Map<string, pulumi.ResourceOptions>();
const childResources = new Map<string, pulumi.Resource>();

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
      const published = args.inputs.publishVpc === true;
      return { id: `id-${args.name}`, state: { ...args.inputs, state: published ? "published" : "normal" } };
    },
    call: () => ({}),
  },
  "landing",
  "test",
  false,
);

import { VpnGatewayRoutes, VPN_GATEWAY_ROUTES_TYPE } from "../../components";
import { VpnGatewayRoutesArgs } from "../../components/routeSpecs";

const DBR_TYPE = "pulumi-nodejs:dynamic/alicloud-vpn:VpnRouteEntry";
const PBR_TYPE = "pulumi-nodejs:dynamic/alicloud-vpn:VpnPbrRouteEntry";
const GW = "vpn-hub0001";
const A = "vco-aaaa0001";
const B = "vco-bbbb0002";

function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

async function declare(name: string, args: VpnGatewayRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
  registrations.length = 0;
  // A transformation on the component sees each child's registration with its options, which the mocks do not.
  const record: pulumi.ResourceTransformation = (t) => {
    childOptions.set(t.name, t.opts);
    childResources.set(t.name, t.resource);
    return undefined;
  };
  const component = new VpnGatewayRoutes(name, args, { ...opts, transformations: [record] });
  const routes = await promiseOf(component.routes);
  // Let the registrations settle (they are asynchronous under mocks).
  await new Promise((r) => setImmediate(r));
  return { component, routes, children: registrations.filter((r) => r.type !== VPN_GATEWAY_ROUTES_TYPE) };
}

const BASE: VpnGatewayRoutesArgs = {
  vpnGatewayId: GW,
  region: "cn-hangzhou",
  defaults: { nextHop: A },
  routes: [
    { routeDest: "10.1.0.0/16" },
    { routeDest: "10.2.0.0/16", nextHop: B, weight: 0, publishVpc: false },
  ],
  policyRoutes: [{ routeSource: "192.168.0.0/24", routeDest: "10.3.0.0/16", priority: 5 }],
};

describe("VpnGatewayRoutes", () => {
  it("registers one child per route with exact types, names and inputs", async () => {
    const { children } = await declare("hub", BASE);
    const byName = Object.fromEntries(children.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual([
      `hub/10.1.0.0/16@${A}`,
      `hub/10.2.0.0/16@${B}`,
      `hub/192.168.0.0/24>10.3.0.0/16@${A}`,
    ]);
    expect(byName[`hub/10.1.0.0/16@${A}`]).toMatchObject({
      type: DBR_TYPE,
      inputs: {
        vpnGatewayId: GW,
        region: "cn-hangzhou",
        routeDest: "10.1.0.0/16",
        nextHop: A,
        weight: 100,
        publishVpc: true,
      },
    });
    expect(byName[`hub/10.2.0.0/16@${B}`]).toMatchObject({
      type: DBR_TYPE,
      inputs: { routeDest: "10.2.0.0/16", nextHop: B, weight: 0, publishVpc: false },
    });
    expect(byName[`hub/192.168.0.0/24>10.3.0.0/16@${A}`]).toMatchObject({
      type: PBR_TYPE,
      inputs: {
        routeSource: "192.168.0.0/24",
        routeDest: "10.3.0.0/16",
        nextHop: A,
        priority: 5,
        weight: 100,
      },
    });
  });

  it("parents every child to the component", async () => {
    const { component, children } = await declare("hub-parent", BASE);
    for (const child of children) {
      expect(childOptions.get(child.name)?.parent).toBe(component);
    }
  });

  it("keeps every child's name when routes are reordered or inserted, and drops only the removed one", async () => {
    const before = (await declare("hub", BASE)).children.map((c) => c.name);
    const reordered = (
      await declare("hub", {
        ...BASE,
        routes: [{ routeDest: "10.9.0.0/16" }, ...[...BASE.routes!].reverse()],
        policyRoutes: BASE.policyRoutes,
      })
    ).children.map((c) => c.name);
    expect(reordered.sort()).toEqual([...before, `hub/10.9.0.0/16@${A}`].sort());

    const removed = (await declare("hub", { ...BASE, routes: [BASE.routes![1]] })).children.map(
      (c) => c.name,
    );
    expect(before.filter((n) => !removed.includes(n))).toEqual([`hub/10.1.0.0/16@${A}`]);
  });

  it("reports each route's id, state, weight and published flag by key, and the counts", async () => {
    const { component, routes } = await declare("hub-out", BASE);
    expect(routes).toEqual({
      [`10.1.0.0/16@${A}`]: {
        id: `id-hub-out/10.1.0.0/16@${A}`,
        kind: "dbr",
        state: "published",
        weight: 100,
        published: true,
      },
      [`10.2.0.0/16@${B}`]: {
        id: `id-hub-out/10.2.0.0/16@${B}`,
        kind: "dbr",
        state: "normal",
        weight: 0,
        published: false,
      },
      [`192.168.0.0/24>10.3.0.0/16@${A}`]: {
        id: `id-hub-out/192.168.0.0/24>10.3.0.0/16@${A}`,
        kind: "pbr",
        state: "published",
        weight: 100,
        published: true,
      },
    });
    expect(await promiseOf(component.routeCount)).toBe(2);
    expect(await promiseOf(component.policyRouteCount)).toBe(1);
    expect(await promiseOf(component.vpnGatewayId)).toBe(GW);
  });

  it("passes adopt to every child, and leaves it unset otherwise", async () => {
    const adopting = await declare("hub-adopt", { ...BASE, adopt: true });
    expect(adopting.children.map((c) => c.inputs.adopt)).toEqual([true, true, true]);
    const plain = await declare("hub-plain", BASE);
    expect(plain.children.map((c) => c.inputs.adopt)).toEqual([undefined, undefined, undefined]);
  });

  it("takes a gateway id that is another resource's output", async () => {
    const { children } = await declare("hub-later", {
      ...BASE,
      vpnGatewayId: pulumi.output(Promise.resolve(GW)),
    });
    expect(children.every((c) => c.inputs.vpnGatewayId === GW)).toBe(true);
  });

  it("passes ignoreChanges, retainOnDelete and protect down to its children", async () => {
    const { children } = await declare("hub-opts", BASE, {
      ignoreChanges: ["weight"],
      retainOnDelete: true,
      protect: true,
    });
    expect(children).toHaveLength(3);
    for (const child of children) {
      const opts = childOptions.get(child.name)!;
      expect(opts.ignoreChanges).toEqual(["weight"]);
      expect(opts.retainOnDelete).toBe(true);
      // protect is inherited from the parent after transformations run; this is what the SDK sends.
      expect((childResources.get(child.name) as unknown as { __protect: boolean }).__protect).toBe(true);
    }
  });

  it("registers standbys first and makes an active route depend on its destination's standbys (failover order)", async () => {
    const { children } = await declare("pair", {
      vpnGatewayId: GW,
      routes: [
        { routeDest: "10.5.0.0/16", nextHop: A, weight: 100 },
        { routeDest: "10.5.0.0/16", nextHop: B, weight: 0 },
        { routeDest: "10.6.0.0/16", nextHop: A, weight: 100 },
      ],
      policyRoutes: [
        {
          routeSource: "192.168.0.0/24",
          routeDest: "10.7.0.0/16",
          nextHop: B,
          weight: 100,
          publishVpc: false,
        },
        { routeSource: "192.168.0.0/24", routeDest: "10.7.0.0/16", nextHop: A, weight: 0, publishVpc: false },
      ],
    });
    expect(children.map((c) => c.name)).toEqual([
      `pair/10.5.0.0/16@${B}`,
      `pair/192.168.0.0/24>10.7.0.0/16@${A}`,
      `pair/10.5.0.0/16@${A}`,
      `pair/10.6.0.0/16@${A}`,
      `pair/192.168.0.0/24>10.7.0.0/16@${B}`,
    ]);
    const dependsOn = (name: string) => Promise.resolve(childOptions.get(name)?.dependsOn);
    expect(await dependsOn(`pair/10.5.0.0/16@${A}`)).toEqual([childResources.get(`pair/10.5.0.0/16@${B}`)]);
    expect(await dependsOn(`pair/192.168.0.0/24>10.7.0.0/16@${B}`)).toEqual([
      childResources.get(`pair/192.168.0.0/24>10.7.0.0/16@${A}`),
    ]);
    // No standby, no dependency: the registration window builds the route at its turn instead of holding it.
    expect(await dependsOn(`pair/10.6.0.0/16@${A}`)).toBeUndefined();
  });

  it("refuses an invalid table when it is constructed, before registering any route", async () => {
    registrations.length = 0;
    expect(
      () =>
        new VpnGatewayRoutes("bad", {
          vpnGatewayId: GW,
          routes: [
            { routeDest: "10.1.0.0/16", nextHop: A },
            { routeDest: "10.1.0.0/16", nextHop: A },
          ],
        }),
    ).toThrow(/VpnGatewayRoutes "bad" has 1 problem\(s\)/);
    await new Promise((r) => setImmediate(r));
    expect(registrations.filter((r) => r.type !== VPN_GATEWAY_ROUTES_TYPE)).toEqual([]);
  });
});
