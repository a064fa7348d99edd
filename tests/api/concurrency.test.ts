import { GatewayScheduler, SingleFlight, VpcClient } from "../../provider/api";
import { startApiServer, sendJson } from "./helpers/apiServer";

/** A promise the test resolves by hand, to control exactly when work finishes. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("GatewayScheduler", () => {
  it("runs work for one key one at a time, in arrival order", async () => {
    const scheduler = new GatewayScheduler();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const runs = gates.map((gate, i) =>
      scheduler.runExclusive("gw-1", async () => {
        log.push(`start ${i}`);
        await gate.promise;
        log.push(`end ${i}`);
        return i;
      }),
    );
    await tick();
    expect(log).toEqual(["start 0"]);
    gates[2].resolve(); // finishing out of order changes nothing: 2 has not started
    gates[1].resolve();
    await tick();
    expect(log).toEqual(["start 0"]);
    gates[0].resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(log).toEqual(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]);
    expect(scheduler.activeKeys).toEqual([]);
  });

  it("runs different keys in parallel", async () => {
    const scheduler = new GatewayScheduler();
    const started: string[] = [];
    const gate = deferred();
    const a = scheduler.runExclusive("gw-a", async () => {
      started.push("a");
      await gate.promise;
    });
    const b = scheduler.runExclusive("gw-b", async () => {
      started.push("b");
      await gate.promise;
    });
    await tick();
    expect(started.sort()).toEqual(["a", "b"]);
    expect(scheduler.activeKeys.sort()).toEqual(["gw-a", "gw-b"]);
    gate.resolve();
    await Promise.all([a, b]);
  });

  it("a failure releases the lock for the next writer and reaches its own caller only", async () => {
    const scheduler = new GatewayScheduler();
    const first = scheduler.runExclusive("gw-1", async () => {
      throw new Error("first failed");
    });
    const second = scheduler.runExclusive("gw-1", async () => "second ran");
    await expect(first).rejects.toThrow("first failed");
    await expect(second).resolves.toBe("second ran");
  });

  it("orders real API writes to one gateway: the server never sees two at once", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const server = await startApiServer((_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        sendJson(res, 200, { RequestId: "r" });
      }, 20);
    });
    const client = new VpcClient({
      endpoint: server.endpoint,
      credentials: { accessKeyId: "a", accessKeySecret: "b" },
    });
    const scheduler = new GatewayScheduler();
    try {
      const gw = { RegionId: "r1", VpnGatewayId: "vpn-1", NextHop: "vco", Weight: 100, PublishVpc: true };
      await Promise.all(
        [1, 2, 3, 4].map((i) =>
          scheduler.runExclusive(gw.VpnGatewayId, () =>
            client.createVpnRouteEntry({ ...gw, RouteDest: `10.${i}.0.0/16` }),
          ),
        ),
      );
      expect(server.requests.map((r) => r.query.RouteDest)).toEqual([
        "10.1.0.0/16",
        "10.2.0.0/16",
        "10.3.0.0/16",
        "10.4.0.0/16",
      ]);
      expect(maxInFlight).toBe(1);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});

describe("SingleFlight", () => {
  it("concurrent callers of one key share one call", async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    const gate = deferred<number>();
    const fn = () => {
      calls++;
      return gate.promise;
    };
    const results = [flight.do("gw-1", fn), flight.do("gw-1", fn), flight.do("gw-1", fn)];
    expect(calls).toBe(1);
    expect(flight.size).toBe(1);
    gate.resolve(42);
    expect(await Promise.all(results)).toEqual([42, 42, 42]);
  });

  it("keeps nothing after settling: the next caller starts a fresh call", async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    const fn = async () => ++calls;
    expect(await flight.do("k", fn)).toBe(1);
    expect(await flight.do("k", fn)).toBe(2);
    expect(flight.size).toBe(0);
  });

  it("different keys do not share; a rejection reaches every waiter and is not cached", async () => {
    const flight = new SingleFlight<string>();
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error("boom"));
    };
    const waiters = [flight.do("a", failing), flight.do("a", failing)];
    await expect(Promise.all(waiters)).rejects.toThrow("boom");
    await expect(waiters[1]).rejects.toThrow("boom");
    expect(calls).toBe(1);
    expect(await flight.do("a", async () => "recovered")).toBe("recovered");
    const [x, y] = await Promise.all([flight.do("x", async () => "X"), flight.do("y", async () => "Y")]);
    expect([x, y]).toEqual(["X", "Y"]);
  });

  it("shares one real listing among concurrent readers (one HTTP request)", async () => {
    const server = await startApiServer((_req, res) => {
      setTimeout(
        () => sendJson(res, 200, { RequestId: "r", TotalCount: 0, VpnRouteEntries: { VpnRouteEntry: [] } }),
        20,
      );
    });
    const client = new VpcClient({
      endpoint: server.endpoint,
      credentials: { accessKeyId: "a", accessKeySecret: "b" },
    });
    const flight = new SingleFlight<unknown[]>();
    try {
      const gw = { RegionId: "r1", VpnGatewayId: "vpn-1" };
      await Promise.all(
        Array.from({ length: 5 }, () => flight.do(gw.VpnGatewayId, () => client.describeVpnRouteEntries(gw))),
      );
      expect(server.requests).toHaveLength(1);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
