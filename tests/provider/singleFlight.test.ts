import { VpcClient } from "../../provider/api";
import { SingleFlight } from "../../provider/gateway/listings";
import { startApiServer, sendJson } from "../api/helpers/apiServer";

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
