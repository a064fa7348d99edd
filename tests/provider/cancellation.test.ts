/**
 * The engine's Cancel inside the provider process: what is in flight ends at once (a wait for a busy gateway,
 * a retry sleep), what starts afterwards runs, and a create cancelled after its write was sent is handed to the
 * engine as created (id and properties, no confirmed state), which the next update finishes without creating
 * the route twice.
 */
import { VpcClient, isCancelled } from "../../provider/api";
import { CreateInterruptedError } from "../../provider/errors";
import { runtime } from "../../provider/runtime";
import { Cancellation } from "../../provider/runtime";
import type { RouteInputs } from "../../provider/types";
import { GW, REGION, VCO, dbrInputs, startWorld, type World } from "./world";

const PROVIDER = "exports.handler = ...";

describe("Cancellation", () => {
  it("aborts the operations in flight, not those started afterwards", async () => {
    const cancellation = new Cancellation();
    let during: AbortSignal | undefined;
    let after: AbortSignal | undefined;
    const inFlight = cancellation.run(async () => {
      await Promise.resolve();
      during = cancellation.signal;
    });
    await inFlight;
    cancellation.cancel();
    await cancellation.run(async () => {
      after = cancellation.signal;
    });
    expect(during?.aborted).toBe(true);
    expect(after?.aborted).toBe(false);
    expect(cancellation.signal).toBeUndefined();
  });
});

describe("a cancelled client call", () => {
  let world: World;
  afterEach(() => world.stop());

  it("ends a wait for a busy gateway at once, with OperationCancelledError", async () => {
    world = await startWorld({ configDelayMs: 60_000 });
    const controller = new AbortController();
    const client = new VpcClient({
      endpoint: world.emulator.endpoint,
      credentials: world.emulator.credentials,
      signal: () => controller.signal,
    });
    await client.createVpnRouteEntry({
      RegionId: REGION,
      VpnGatewayId: GW,
      RouteDest: "10.1.0.0/16",
      NextHop: VCO,
      Weight: 100,
      PublishVpc: true,
    });
    const wait = client.waitForGatewayActive({ RegionId: REGION, VpnGatewayId: GW }, { pollMs: 20 });
    setTimeout(() => controller.abort(), 100);
    const err = await wait.catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    // A look already on the wire when the wait was cancelled may still reach the emulator: count after it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const looks = world.emulator.counts().DescribeVpnGateway ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.emulator.counts().DescribeVpnGateway ?? 0).toBe(looks); // it stopped asking
    client.destroy();
  });
});

describe("a create cancelled while its gateway applies it", () => {
  let world: World;
  afterEach(() => world.stop());

  it("is recorded (id, properties with __provider, no state) and the next update finishes it", async () => {
    let skewMs = 0;
    world = await startWorld({ configDelayMs: 60_000, clock: () => Date.now() + skewMs });
    const inputs = { ...dbrInputs("10.2.0.0/16"), __provider: PROVIDER } as unknown as RouteInputs;
    const creating = world.dbr.create(inputs);
    while (!world.emulator.counts().DescribeVpnGateway) await new Promise((r) => setTimeout(r, 10));
    runtime.cancellation.cancel();
    const err = (await creating.catch((e: unknown) => e)) as CreateInterruptedError;
    expect(err).toBeInstanceOf(CreateInterruptedError);
    const id = `${GW}:${VCO}:10.2.0.0/16`;
    expect(err.id).toBe(id);
    expect(err.properties).toMatchObject({ vpnGatewayId: GW, routeDest: "10.2.0.0/16", region: REGION });
    expect(err.properties.__provider).toBe(PROVIDER);
    expect(err.properties.state).toBeUndefined();
    expect(err.reasons).toEqual([err.message]);

    // The engine runs an update for a resource that failed to initialise; the gateway is done by then.
    skewMs = 60_000;
    const { outs } = await world.dbr.update!(id, err.properties as never, inputs);
    expect(outs).toMatchObject({ state: "published", weight: 100 });
    expect(world.emulator.requestLog().filter((e) => e.action === "CreateVpnRouteEntry")).toHaveLength(1);
  });
});

describe("a create that fails after its gateway took it", () => {
  let world: World;
  afterEach(() => world.stop());

  it("is recorded with the failure's cause, and the next update finishes it without a second create", async () => {
    let skewMs = 0;
    // The gateway applies the create for a minute; the wait for it gives up long before (as when the endpoint
    // goes away or the deadline is too short): the route exists all the same.
    world = await startWorld(
      { configDelayMs: 60_000, clock: () => Date.now() + skewMs },
      { "alicloud-vpn:deadlineSeconds": "0.3" },
    );
    const inputs = { ...dbrInputs("10.3.0.0/16"), __provider: PROVIDER } as unknown as RouteInputs;
    const err = (await world.dbr.create(inputs).catch((e: unknown) => e)) as CreateInterruptedError;
    expect(err).toBeInstanceOf(CreateInterruptedError);
    const id = `${GW}:${VCO}:10.3.0.0/16`;
    expect(err.id).toBe(id);
    expect(err.message).toContain(`Route ${id} was created, but the create did not finish:`);
    expect(err.message).toMatch(/deadline/i);
    expect(err.properties).toMatchObject({
      vpnGatewayId: GW,
      routeDest: "10.3.0.0/16",
      __provider: PROVIDER,
    });
    expect(err.properties.state).toBeUndefined();
    expect(world.emulator.routes(GW).map((r) => r.RouteDest)).toContain("10.3.0.0/16");

    // The next `up` (the engine updates a resource that failed to initialise), the gateway done by then.
    skewMs = 60_000;
    const { outs } = await world.dbr.update!(id, err.properties as never, inputs);
    expect(outs).toMatchObject({ state: "published", weight: 100 });
    expect(world.emulator.requestLog().filter((e) => e.action === "CreateVpnRouteEntry")).toHaveLength(1);
  });
});
