/**
 * State in an S3-compatible bucket, as a team keeps it (issue 27): the real CLI's DIY backend against versitygw
 * (tests/support/s3Server.ts) over https on 127.0.0.1, routes against the emulator.
 *
 * - A whole life: preview, up, preview with no changes, a failover (the weights of an active/standby pair
 *   swapped), destroy. The state objects are in the bucket, no lock is left behind, and neither the bucket's key
 *   secret nor the emulator's appears in any object.
 * - Locking: while Alice's `up` runs (a slow gateway keeps it going), Bob's `up` of the same stack, from another
 *   clone with another access key, is refused with the backend's lock error and sends nothing to the API. Alice's
 *   CLI is then killed (SIGKILL, with its plugins): her lock stays in the bucket, Bob is refused again, and the
 *   documented recovery (docs/troubleshooting.md, "An interrupted up") works on the S3 backend: `pulumi cancel`
 *   removes the lock object, `pulumi refresh --clear-pending-creates`, then `up` with `adopt: true` ends with
 *   exactly the declared routes, each created once.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { filesBelow, locateVersitygw, startS3Server, type RunningS3Server } from "../support/s3Server";
import { describeWithPulumi, ENGINE_TEST_TIMEOUT_MS } from "./engine-suite";
import { createPulumiProject, PulumiCommandError, type PulumiProject } from "./harness";
import { emulatorEnv, oncePerWrite, until } from "./emulator-env";

jest.setTimeout(ENGINE_TEST_TIMEOUT_MS * 2);

const REGION = "cn-hangzhou";
const HUB = "vpn-s3state0hub000000001";
const SLOW = "vpn-s3state0slow00000001";
const A = "vco-s3state0a00000000001";
const B = "vco-s3state0b00000000001";
const PAIR_DEST = "10.60.0.0/16";
const LONE_DEST = "10.61.0.0/16";
const DESTS = Array.from({ length: 6 }, (_, i) => `10.${70 + i}.0.0/16`);
const ALICE = { accessKeyId: "LTAIs3stateAlice00000001", accessKeySecret: "alice-secret-7f3a9c2e1b5d4f60" };
const BOB = { accessKeyId: "LTAIs3stateBob0000000001", accessKeySecret: "bob-secret-2c8e6a4f0d1b3957" };
/**
 * Each write keeps the gateway busy this long, and the gateway takes one at a time: Alice's six creates take about
 * 9 s, so Bob's refused `up` (a CLI start and a few reads of the bucket) ends long before her third create.
 */
const SLOW_CONFIG_DELAY_MS = 1500;
/** Creates that reach the API before Alice's CLI is killed: some done, one in flight, the rest not started. */
const CREATES_BEFORE_KILL = 3;
const WRITE = /^(Create|Modify|Delete|Publish)/;

/** The form the issue asks for: a scheme-less endpoint (the CLI adds https://) and the v1 path-style name. */
const backendUrl = (s3: RunningS3Server) =>
  `s3://${s3.bucket}?endpoint=127.0.0.1:${s3.port}&s3ForcePathStyle=true&region=${s3.region}`;
/** The same bucket in gocloud.dev's v2 names. */
const v2BackendUrl = (s3: RunningS3Server) =>
  `s3://${s3.bucket}?endpoint=https://127.0.0.1:${s3.port}&use_path_style=true&region=${s3.region}`;

/** An active/standby pair and a lone route in one component; config `active` names the active next hop. */
const PAIR_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnGatewayRoutes } = require("alicloud-vpn-routes");
const active = new pulumi.Config().require("active");
const hops = { a: "${A}", b: "${B}" };
new VpnGatewayRoutes("hub", {
  vpnGatewayId: "${HUB}",
  routes: [
    ...["a", "b"].map((h) => ({ routeDest: "${PAIR_DEST}", nextHop: hops[h], weight: h === active ? 100 : 0, publishVpc: true })),
    { routeDest: "${LONE_DEST}", nextHop: "${A}", weight: 100, publishVpc: true },
  ],
});
`;

/** Six routes on the slow gateway; config `adopt` takes over routes that exist (as in interrupted-up). */
const ROUTES_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { VpnRouteEntry } = require("alicloud-vpn-routes");
const adopt = new pulumi.Config().getBoolean("adopt") || false;
for (const routeDest of ${JSON.stringify(DESTS)}) {
  new VpnRouteEntry(routeDest, { vpnGatewayId: "${SLOW}", nextHop: "${A}", routeDest, weight: 100, publishVpc: true, adopt });
}
`;

interface PendingOperation {
  type: string;
}

const lockObjects = (s3: RunningS3Server) => filesBelow(path.join(s3.bucketDir, ".pulumi", "locks"));

/** Every object of the bucket with its content, as versitygw stored it. */
const bucketObjects = (s3: RunningS3Server) =>
  filesBelow(s3.bucketDir)
    .filter((key) => !key.startsWith(".sgwtmp/")) // versitygw's staging directory for uploads in progress
    .map((key) => ({ key, content: fs.readFileSync(path.join(s3.bucketDir, key), "utf8") }));

const versitygw = locateVersitygw();
if (versitygw.missing && process.env.CI !== "true") {
  console.warn(
    `\n!!! SKIPPING the S3 backend suite: ${versitygw.missing}\n!!! Build it with scripts/ensure-versitygw.sh.\n`,
  );
}
const describeWithS3 = versitygw.binary || process.env.CI === "true" ? describeWithPulumi : describe.skip;

describeWithS3("Pulumi state in an S3-compatible bucket (versitygw over https)", () => {
  let s3: RunningS3Server;
  let emulator: RunningEmulator;
  /** A slow gateway of its own, for the lock test. */
  let slow: RunningEmulator;
  const projects: PulumiProject[] = [];

  beforeAll(async () => {
    s3 = await startS3Server({ bucket: "team-state" });
    emulator = await startEmulator({
      configDelayMs: 30,
      seed: 27,
      credentials: [ALICE],
      gateways: [{ vpnGatewayId: HUB, regionId: REGION }],
    });
    slow = await startEmulator({
      configDelayMs: SLOW_CONFIG_DELAY_MS,
      seed: 28,
      credentials: [ALICE, BOB],
      gateways: [{ vpnGatewayId: SLOW, regionId: REGION }],
    });
  });
  afterAll(async () => {
    for (const p of projects) await p.dispose();
    await emulator?.stop();
    await slow?.stop();
    await s3?.stop();
  });

  const projectFor = async (
    api: RunningEmulator,
    who: typeof ALICE,
    options: {
      name: string;
      program: string;
      stack: string;
      files?: Record<string, string>;
      stackExists?: boolean;
    },
  ) => {
    const project = await createPulumiProject({
      name: options.name,
      stack: options.stack,
      files: { "index.js": options.program, ...options.files },
      stackExists: options.stackExists,
      installPackage: true,
      backendUrl: backendUrl(s3),
      env: {
        ...s3.clientEnv,
        ...emulatorEnv(api, REGION),
        ALIBABA_CLOUD_ACCESS_KEY_ID: who.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: who.accessKeySecret,
      },
    });
    projects.push(project);
    return project;
  };
  const weightsOn = (gateway: string) =>
    Object.fromEntries(emulator.routes(gateway).map((r) => [`${r.RouteDest}@${r.NextHop}`, r.Weight]));
  const requestsBy = (who: typeof ALICE) =>
    slow.requestLog().filter((e) => e.accessKeyId === who.accessKeyId);

  it("preview, up, no changes, failover and destroy keep the state in the bucket, with no secret in it", async () => {
    const project = await projectFor(emulator, ALICE, {
      name: "s3-life",
      program: PAIR_PROGRAM,
      stack: "prod",
    });
    await project.setConfig("active", { value: "a" });
    const stateKey = ".pulumi/stacks/s3-life/prod.json";
    // `stack init` wrote the stack's checkpoint to the bucket.
    expect(bucketObjects(s3).map((o) => o.key)).toEqual(
      expect.arrayContaining([".pulumi/meta.yaml", stateKey]),
    );

    const preview = await project.preview();
    // The stack, the component, three routes.
    expect(preview.changeSummary).toEqual({ create: 5 });
    expect(emulator.requestLog().filter((e) => WRITE.test(e.action))).toEqual([]);

    const up = await project.up();
    expect(up.result).toBe("succeeded");
    expect(weightsOn(HUB)).toEqual({
      [`${PAIR_DEST}@${A}`]: 100,
      [`${PAIR_DEST}@${B}`]: 0,
      [`${LONE_DEST}@${A}`]: 100,
    });
    expect((await project.preview()).changeSummary).toEqual({ same: 5 });

    // Failover: B becomes active, A standby.
    await project.setConfig("active", { value: "b" });
    const failover = await project.up();
    expect(failover.result).toBe("succeeded");
    expect(weightsOn(HUB)).toEqual({
      [`${PAIR_DEST}@${A}`]: 0,
      [`${PAIR_DEST}@${B}`]: 100,
      [`${LONE_DEST}@${A}`]: 100,
    });

    // The checkpoint in the bucket is the stack's state: its routes carry the weights the gateway has.
    const checkpoint = JSON.parse(fs.readFileSync(path.join(s3.bucketDir, stateKey), "utf8")) as {
      checkpoint: {
        latest: { resources: { type: string; outputs?: { nextHop?: string; weight?: number } }[] };
      };
    };
    const routes = checkpoint.checkpoint.latest.resources.filter((r) => r.type.endsWith(":VpnRouteEntry"));
    expect(routes.map((r) => `${r.outputs?.nextHop}=${r.outputs?.weight}`).sort()).toEqual(
      [`${A}=0`, `${A}=100`, `${B}=100`].sort(),
    );
    // The other spelling of the URL (gocloud.dev's v2 names, the scheme given) reads the same stack: 6 resources,
    // the stack, the component, its three routes and the dynamic provider.
    const exported = spawnSync(
      path.join(project.cli.binDir, "pulumi"),
      ["stack", "export", "--stack", "prod", "--non-interactive"],
      { cwd: project.dir, env: { ...project.env, PULUMI_BACKEND_URL: v2BackendUrl(s3) }, encoding: "utf8" },
    );
    expect(exported.stderr).toBe("");
    expect(exported.status).toBe(0);
    expect(
      (JSON.parse(exported.stdout) as { deployment: { resources: unknown[] } }).deployment.resources,
    ).toHaveLength(6);

    const destroyed = await project.destroy();
    expect(destroyed.result).toBe("succeeded");
    expect(emulator.routes(HUB)).toEqual([]);

    const objects = bucketObjects(s3);
    expect(objects.map((o) => o.key)).toEqual(expect.arrayContaining([stateKey, `${stateKey}.bak`]));
    expect(objects.some((o) => o.key.startsWith(".pulumi/history/s3-life/prod/"))).toBe(true);
    expect(lockObjects(s3)).toEqual([]);
    for (const { key, content } of objects) {
      expect([key, content.includes(s3.secretAccessKey)]).toEqual([key, false]);
      expect([key, content.includes(ALICE.accessKeySecret)]).toEqual([key, false]);
    }
  });

  it("refuses a second up while one runs, and after a killed CLI pulumi cancel, refresh and up recover", async () => {
    const alice = await projectFor(slow, ALICE, {
      name: "s3-lock",
      program: ROUTES_PROGRAM,
      stack: "shared",
    });
    // Bob's clone of the same project: the stack's config file (with its encryption salt) is in the repository.
    const bob = await projectFor(slow, BOB, {
      name: "s3-lock",
      program: ROUTES_PROGRAM,
      stack: "shared",
      stackExists: true,
      files: { "Pulumi.shared.yaml": fs.readFileSync(path.join(alice.dir, "Pulumi.shared.yaml"), "utf8") },
    });
    const createsOn = () =>
      oncePerWrite(slow.requestLog()).filter(
        (e) => e.action === "CreateVpnRouteEntry" && e.params.VpnGatewayId === SLOW,
      );
    const waitForCreates = (count: number) =>
      until(() => createsOn().length >= count, ENGINE_TEST_TIMEOUT_MS / 2);
    const expectLocked = async () => {
      const refused = await bob.up({ skipPreview: true }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(PulumiCommandError);
      const { stderr } = (refused as PulumiCommandError).result;
      expect(stderr).toContain("the stack is currently locked");
      expect(stderr).toContain("pulumi cancel");
    };

    const running = await alice.start(["up", "--yes", "--skip-preview", "--parallel", "2"]);
    await waitForCreates(1);
    expect(lockObjects(s3)).toHaveLength(1);
    await expectLocked();
    // Bob's CLI stopped at the lock: not one request with his key, so nothing written to any gateway.
    expect(requestsBy(BOB)).toEqual([]);

    await waitForCreates(CREATES_BEFORE_KILL);
    running.kill("SIGKILL", { tree: true });
    expect((await running.done).exitCode).toBeNull();
    // Killed mid-run: not every route was created.
    expect(slow.routes(SLOW).length).toBeLessThan(DESTS.length);
    // The killed update's lock stays in the bucket.
    const stale = lockObjects(s3);
    expect(stale).toHaveLength(1);
    await expectLocked();
    expect(requestsBy(BOB)).toEqual([]);

    await bob.run(["cancel", "--yes"]);
    expect(lockObjects(s3)).toEqual([]);
    const afterKill = (await bob.exportStack()).deployment;
    expect(((afterKill.pending_operations as PendingOperation[] | undefined) ?? []).length).toBeGreaterThan(
      0,
    );
    await bob.refresh(["--clear-pending-creates"]);
    expect((await bob.exportStack()).deployment.pending_operations ?? []).toEqual([]);

    await bob.setConfig("adopt", { value: "true" });
    const recovered = await bob.up({ skipPreview: true });
    expect(recovered.result).toBe("succeeded");
    const onGateway = slow.routes(SLOW).map((r) => r.RouteDest);
    expect([...onGateway].sort()).toEqual([...DESTS].sort());
    // Each route was created once, by Alice's run or by Bob's: the orphans were adopted, not created again.
    expect(
      createsOn()
        .map((e) => e.params.RouteDest)
        .sort(),
    ).toEqual([...DESTS].sort());
    const routeIds = ((await bob.exportStack()).deployment.resources ?? [])
      .filter((r) => r.type.endsWith(":VpnRouteEntry"))
      .map((r) => r.id)
      .sort();
    expect(routeIds).toEqual(DESTS.map((d) => `${SLOW}:${A}:${d}`).sort());
    expect(lockObjects(s3)).toEqual([]);
    expect((await bob.preview()).changeSummary).toEqual({ same: DESTS.length + 1 });
  });
});
