/**
 * remoteState: the stack's state in an S3-compatible store (versitygw on loopback, as a team keeps it in OSS
 * through its S3 endpoint) beside the file backend, in the same run: `pulumi up --skip-preview` of N routes as
 * per-route resources (the `scale` shape), its seconds and the bytes the CLI uploaded, counted by a proxy at the
 * server's door. With checkpoints on, the engine uploads the whole state after every step, so the bytes grow with
 * the square of the routes (pulumi/pulumi#15218). Beside it, what a team can do about it, measured the same way:
 * the same routes split into two stacks run at once; the same routes as VpnGatewayRouteTables (one step a
 * gateway); PULUMI_SKIP_CHECKPOINTS=true (one upload at the end).
 */
import { startS3Server, type RunningS3Server } from "../../tests/support/s3Server";
import { providerEnv, startBenchEmulator } from "../emulators";
import { startCountingProxy, type CountingProxy } from "../engine/countingProxy";
import { timed } from "../engine/outcome";
import { programFiles, type ProgramLayout } from "../engine/program";
import { createBenchProject } from "../engine/project";
import { round2, runLine, type BenchMeta } from "../meta";
import { benchGateways, type BenchGateway } from "../topology";

export interface RemoteStateSetup {
  /** Route counts, each measured in every variant. */
  routeCounts: number[];
  routesPerGateway: number;
  configDelayMs: number;
}

export type RemoteStateVariant = "file" | "s3" | "s3, two stacks" | "s3, tables" | "s3, checkpoints skipped";
export const REMOTE_STATE_VARIANTS: RemoteStateVariant[] = [
  "file",
  "s3",
  "s3, two stacks",
  "s3, tables",
  "s3, checkpoints skipped",
];

export interface RemoteStateRun {
  variant: RemoteStateVariant;
  routes: number;
  /** The slowest stack's `up` (two stacks: both at once). */
  seconds: number;
  /** Bytes the CLI sent to the S3 server (0 for the file backend). */
  uploadedBytes: number;
  uploadedBytesPerRoute: number;
}

export interface RemoteStateResult extends RemoteStateSetup {
  runs: RemoteStateRun[];
}

interface Backend {
  s3: RunningS3Server;
  proxy: CountingProxy;
}

/** The state URL of the S3 backend, through the counting proxy (the server's certificate is for 127.0.0.1). */
const backendUrl = ({ s3, proxy }: Backend) =>
  `s3://${s3.bucket}?endpoint=127.0.0.1:${proxy.port}&s3ForcePathStyle=true&region=${s3.region}`;

/** One variant at one route count: its own emulator, its stacks' `up`s at once, the bytes they uploaded. */
async function runVariant(
  variant: RemoteStateVariant,
  routes: number,
  setup: RemoteStateSetup,
  backend: Backend,
): Promise<RemoteStateRun> {
  // At least two gateways, one for each of two stacks.
  const gateways = Math.max(2, Math.round(routes / setup.routesPerGateway));
  const topology = benchGateways(routes, gateways);
  const stacks: BenchGateway[][] =
    variant === "s3, two stacks"
      ? [topology.slice(0, Math.ceil(gateways / 2)), topology.slice(Math.ceil(gateways / 2))]
      : [topology];
  const layout: ProgramLayout = variant === "s3, tables" ? "tables" : "components";
  const args = layout === "tables" ? ["--parallel", String(gateways)] : [];
  const emulator = await startBenchEmulator({ gateways: topology, configDelayMs: setup.configDelayMs });
  const projects = [];
  try {
    for (const [i, stackGateways] of stacks.entries()) {
      projects.push(
        await createBenchProject({
          name: `remote-${variant.replace(/\W+/g, "-")}-${routes}-${i}`,
          files: programFiles(stackGateways, layout),
          env: {
            ...providerEnv(emulator),
            ...(variant === "file" ? {} : backend.s3.clientEnv),
            ...(variant === "s3, checkpoints skipped" ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
          },
          backendUrl: variant === "file" ? undefined : backendUrl(backend),
          // 2,000 routes with checkpoints on upload about 6 GiB: more than the bench's usual 10 minutes.
          commandTimeoutMs: 45 * 60_000,
        }),
      );
    }
    backend.proxy.reset();
    const ups = await Promise.all(projects.map((p) => timed(() => p.up({ skipPreview: true, args }))));
    const failed = ups.find((up) => up.error);
    if (failed) throw failed.error;
    const uploadedBytes = variant === "file" ? 0 : backend.proxy.uploadedBytes();
    const listed = topology.reduce((n, g) => n + emulator.routes(g.vpnGatewayId).length, 0);
    if (listed !== routes)
      throw new Error(`${variant}: ${routes} routes declared, the gateways hold ${listed}`);
    return {
      variant,
      routes,
      seconds: round2(Math.max(...ups.map((up) => up.seconds))),
      uploadedBytes,
      uploadedBytesPerRoute: Math.round(uploadedBytes / routes),
    };
  } finally {
    for (const project of projects) await project.dispose();
    await emulator.stop();
  }
}

export async function runRemoteState(
  setup: RemoteStateSetup,
  say: (line: string) => void = () => undefined,
  variants: RemoteStateVariant[] = REMOTE_STATE_VARIANTS,
): Promise<RemoteStateResult> {
  const s3 = await startS3Server({ bucket: "team-state" });
  const proxy = await startCountingProxy(s3.port).catch(async (err: unknown) => {
    await s3.stop();
    throw err;
  });
  const runs: RemoteStateRun[] = [];
  try {
    for (const routes of setup.routeCounts) {
      for (const variant of variants) {
        const run = await runVariant(variant, routes, setup, { s3, proxy });
        say(
          `remote state, ${routes} routes, ${variant}: ${run.seconds} s, ${(run.uploadedBytes / 2 ** 20).toFixed(1)} MiB uploaded`,
        );
        runs.push(run);
      }
    }
  } finally {
    await proxy.stop();
    await s3.stop();
  }
  return { ...setup, runs };
}

/** The figures as a table (the guide shows it, bench/report/flagSections.ts). */
export function remoteStateTable(r: RemoteStateResult): string[] {
  const lines = [
    "| routes | state | seconds | uploaded (MiB) | uploaded a route (KiB) |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const run of r.runs) {
    lines.push(
      `| ${run.routes} | ${run.variant} | ${run.seconds} | ${(run.uploadedBytes / 2 ** 20).toFixed(1)} | ` +
        `${(run.uploadedBytesPerRoute / 1024).toFixed(1)} |`,
    );
  }
  return lines;
}

/** The figures with the run's versions and machine. */
export function remoteStateMarkdown(results: { meta: BenchMeta; result: RemoteStateResult }): string {
  const m = results.meta;
  const r = results.result;
  const lines = [
    "# State in an S3-compatible store",
    "",
    `${runLine(m)} \`pulumi up --skip-preview\`, ` +
      `${r.routesPerGateway} routes a gateway, ${r.configDelayMs} ms a write, rate limits off; the S3 server is ` +
      "versitygw on loopback (https), the bytes counted at its door.",
    "",
    ...remoteStateTable(r),
  ];
  return `${lines.join("\n")}\n`;
}
