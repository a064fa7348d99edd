/**
 * An `up` interrupted while creates are in flight (a slow emulator: each write keeps the gateway busy), then run
 * again. What was measured (pulumi 3.248):
 * - SIGTERM or SIGINT: the CLI cancels gracefully and the engine sends Cancel to the provider, which ends the
 *   creates in flight at once: one whose write was sent is recorded (as created but not initialised), the others
 *   fail as cancelled, and the update reports "failed". The next `up` confirms the recorded ones and creates the
 *   rest. Nothing to do by hand. (cancel-during-wait.e2e.test.ts times it.)
 * - SIGKILL of the CLI and its plugins: the stack stays locked (the next command says to run `pulumi cancel`);
 *   creates in flight are "pending operations" in the state, and the route being created exists on the gateway
 *   but not in the state. `pulumi refresh --clear-pending-creates` drops them (`--import-pending-creates URN ID`
 *   was tried too: it dropped them as well, imported nothing and reported no error). Then `up` with
 *   `adopt: true` takes over the orphaned route and ends with exactly the declared routes; `up` without it fails
 *   on that route with RouteExistsError's message, which says to set `adopt: true`.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, PulumiCommandError, type PulumiProject } from "./harness";
import { emulatorEnv, oncePerWrite } from "./emulator-env";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS);

const REGION = "cn-hangzhou";
const VCO = "vco-emu00000000000000001";
const GATEWAYS = ["vpn-emu00000000000000001", "vpn-emu00000000000000002", "vpn-emu00000000000000003"];
const DESTS = Array.from({ length: 6 }, (_, i) => `10.${40 + i}.0.0/16`);
/** Slow enough that a create is still waiting for its gateway when the CLI is stopped. */
const CONFIG_DELAY_MS = 500;
/** Stop after this many creates reached the API: some done, one in flight, the rest not started. */
const CREATES_BEFORE_STOP = 3;
/** Engine steps at a time: with all six in flight at once a graceful cancel would simply finish them. */
const PARALLEL = "2";

const program = (gateway: string) => `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnRouteEntry } = require("alicloud-vpn-routes");
const adopt = new pulumi.Config().getBoolean("adopt") || false;
for (const routeDest of ${JSON.stringify(DESTS)}) {
  new VpnRouteEntry(routeDest, { vpnGatewayId: "${gateway}", nextHop: "${VCO}", routeDest, weight: 100, publishVpc: true, adopt });
}
`;

interface PendingOperation {
  type: string;
  resource: { urn: string };
}

describeWithPulumi("an up interrupted half-way", () => {
  let emulator: RunningEmulator;
  const projects: PulumiProject[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({
      configDelayMs: CONFIG_DELAY_MS,
      seed: 5,
      gateways: GATEWAYS.map((vpnGatewayId) => ({ vpnGatewayId, regionId: REGION })),
    });
  });
  afterAll(async () => {
    for (const p of projects) await p.dispose();
    await emulator?.stop();
  });

  const projectFor = async (gateway: string) => {
    const project = await createPulumiProject({
      name: "interrupted",
      files: { "index.js": program(gateway) },
      installPackage: true,
      env: emulatorEnv(emulator, REGION),
    });
    projects.push(project);
    return project;
  };
  const createsOn = (gateway: string) =>
    oncePerWrite(emulator.requestLog()).filter(
      (e) => e.action === "CreateVpnRouteEntry" && e.params.VpnGatewayId === gateway,
    );
  /** Starts `up`, waits until `CREATES_BEFORE_STOP` creates reached the API, then sends the signal. */
  const interruptedUp = async (project: PulumiProject, gateway: string, signal: NodeJS.Signals) => {
    const running = await project.start(["up", "--yes", "--skip-preview", "--parallel", PARALLEL]);
    const deadline = Date.now() + ENGINE_TEST_TIMEOUT_MS / 2;
    while (createsOn(gateway).length < CREATES_BEFORE_STOP && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(createsOn(gateway)).toHaveLength(CREATES_BEFORE_STOP);
    running.kill(signal, { tree: signal === "SIGKILL" });
    return running.done;
  };
  const sidecarsIn = (dir: string): string[] =>
    fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".attrs"));
  const apiRoutes = (gateway: string) => emulator.routes(gateway).map((r) => r.RouteDest);
  const stateOf = async (project: PulumiProject) => {
    const { deployment } = await project.exportStack();
    return {
      routeIds: (deployment.resources ?? [])
        .filter((r) => r.type.endsWith(":VpnRouteEntry"))
        .map((r) => r.id),
      pending: (deployment.pending_operations as PendingOperation[] | undefined) ?? [],
    };
  };
  const idsOf = (gateway: string, dests: string[]) => dests.map((d) => `${gateway}:${VCO}:${d}`).sort();

  it("SIGTERM: the CLI cancels gracefully, records what it created, and the next up creates the rest", async () => {
    const gw = GATEWAYS[0];
    const project = await projectFor(gw);
    const stopped = await interruptedUp(project, gw, "SIGTERM");
    expect(stopped.exitCode).not.toBe(0);
    expect(stopped.stdout).toContain("SIGTERM received; cancelling");
    // Operations ended by the Cancel are errors to the engine, so the update "failed" rather than "canceled".
    expect(stopped.stdout).toMatch(/update (canceled|failed)/);
    const afterStop = await stateOf(project);
    expect(afterStop.pending).toEqual([]);
    // Everything on the gateway is in the state, and the cancel stopped short of the whole table.
    expect(afterStop.routeIds.sort()).toEqual(idsOf(gw, apiRoutes(gw)));
    expect(apiRoutes(gw).length).toBeLessThan(DESTS.length);

    const again = await project.up({ skipPreview: true });
    expect(again.result).toBe("succeeded");
    expect(apiRoutes(gw).sort()).toEqual([...DESTS].sort());
    expect((await stateOf(project)).routeIds.sort()).toEqual(idsOf(gw, DESTS));
    expect(createsOn(gw)).toHaveLength(DESTS.length); // each route created once
  });

  it("SIGKILL: pulumi cancel, refresh --clear-pending-creates, then up with adopt ends with exactly the declared routes", async () => {
    const gw = GATEWAYS[1];
    const project = await projectFor(gw);
    const killed = await interruptedUp(project, gw, "SIGKILL");
    expect(killed.exitCode).toBeNull();
    // No `.attrs` sidecar that a kill could leave empty ("failed to load checkpoint: EOF"): see localBackendUrl.
    expect(sidecarsIn(path.join(project.workDir, "state"))).toEqual([]);

    // The lock of the killed update stays, and the CLI says how to remove it.
    const locked = await project.up({ skipPreview: true }).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(PulumiCommandError);
    expect((locked as PulumiCommandError).result.stderr).toContain("the stack is currently locked");
    expect((locked as PulumiCommandError).result.stderr).toContain("pulumi cancel");
    await project.run(["cancel", "--yes"]);

    // The create in flight reached the API but not the state: the engine only knows it as pending.
    const afterKill = await stateOf(project);
    expect(afterKill.pending.length).toBeGreaterThan(0);
    expect(afterKill.pending.every((p) => p.type === "creating")).toBe(true);
    const orphans = apiRoutes(gw).filter((d) => !afterKill.routeIds.includes(`${gw}:${VCO}:${d}`));
    expect(orphans.length).toBeGreaterThan(0);

    await project.refresh(["--clear-pending-creates"]);
    expect((await stateOf(project)).pending).toEqual([]);

    await project.setConfig("adopt", { value: "true" });
    const createsBefore = createsOn(gw).length;
    const onApiBefore = apiRoutes(gw).length;
    const recovered = await project.up({ skipPreview: true });
    expect(recovered.result).toBe("succeeded");
    expect(apiRoutes(gw).sort()).toEqual([...DESTS].sort());
    expect((await stateOf(project)).routeIds.sort()).toEqual(idsOf(gw, DESTS));
    // The orphans were adopted, not created a second time.
    expect(createsOn(gw).length - createsBefore).toBe(DESTS.length - onApiBefore);
    expect((await project.preview()).changeSummary).toEqual({ same: DESTS.length + 1 });
  });

  // RouteExistsError must not carry an `id` property: the dynamic provider host (cmd/dynamic-provider,
  // grpcResponseFromError) reads any error with one as "created, but failed to initialise" and hides the message.
  it("SIGKILL, then up without adopt: the orphaned route fails with a message that says to adopt it", async () => {
    const gw = GATEWAYS[2];
    const project = await projectFor(gw);
    await interruptedUp(project, gw, "SIGKILL");
    await project.run(["cancel", "--yes"]);
    await project.refresh(["--clear-pending-creates"]);
    const { routeIds } = await stateOf(project);
    const orphans = apiRoutes(gw).filter((d) => !routeIds.includes(`${gw}:${VCO}:${d}`));
    expect(orphans.length).toBeGreaterThan(0);
    // --continue-on-error: the engine stops at the first failure otherwise, and names only one of the orphans
    // when the kill left several (the count depends on when it struck).
    const failed = await project
      .up({ skipPreview: true, args: ["--continue-on-error"] })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PulumiCommandError);
    const output = (failed as PulumiCommandError).result.stdout;
    expect(output).toContain("already exists");
    expect(output).toContain("adopt: true");
    expect(output).not.toContain("resource init failed");
    for (const dest of orphans) expect(output).toContain(`The route ${gw}:${VCO}:${dest} already exists`);
  });
});
