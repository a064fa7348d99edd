/** `alicloud-vpc-emulator`: arguments, and the compiled command serving requests until SIGTERM. */
import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import * as ts from "typescript";
import { optionsFromArgs } from "../../emulator/cli";
import { popCore } from "./helpers/drivers";

const ROOT = resolve(__dirname, "../..");

test("arguments map onto emulator options", () => {
  const dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
  try {
    const seed = join(dir, "seed.json");
    writeFileSync(
      seed,
      JSON.stringify({
        accounts: [
          {
            accountId: "42",
            credentials: [{ accessKeyId: "LTAIa", accessKeySecret: "s" }],
            gateways: [{ vpnGatewayId: "vpn-a", regionId: "cn-beijing" }],
          },
        ],
      }),
    );
    const options = optionsFromArgs(
      [
        "--port",
        "0",
        "--config-delay-ms",
        "30",
        "--seed",
        seed,
        "--state",
        "s.json",
        "--throttle-pct",
        "5",
        "--server-error-pct",
        "6",
      ].concat([
        "--reset-before-pct",
        "7",
        "--lost-response-pct",
        "8",
        "--latency-ms",
        "9",
        "--fault-seed",
        "10",
      ]),
    );
    expect(options).toEqual({
      port: 0,
      host: undefined,
      configDelayMs: 30,
      stateFile: "s.json",
      faults: {
        seed: 10,
        throttlePct: 5,
        serverErrorPct: 6,
        resetBeforeApplyPct: 7,
        resetAfterApplyPct: 8,
        latencyMs: 9,
      },
      credentials: [{ accessKeyId: "LTAIa", accessKeySecret: "s", accountId: "42" }],
      gateways: [{ vpnGatewayId: "vpn-a", regionId: "cn-beijing", accountId: "42" }],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(optionsFromArgs(["--help"])).toBe("help");
  expect(() => optionsFromArgs(["--access-key-id", "LTAIa"])).toThrow(/go together/);
  expect(() => optionsFromArgs(["--latency-ms", "soon"])).toThrow(/--latency-ms/);
  expect(() => optionsFromArgs(["--bogus"])).toThrow();
});

describe("the command", () => {
  let out: string;
  let child: ChildProcess | undefined;
  beforeAll(() => {
    // Transpile the emulator and the signing functions it uses (type checking is the build's job), so the
    // real command runs under plain node.
    out = mkdtempSync(join(tmpdir(), "emulator-bin-"));
    const emulatorFiles = readdirSync(join(ROOT, "emulator"), { recursive: true }) as string[];
    for (const file of [...emulatorFiles.map((f) => join("emulator", f)), "provider/api/signing.ts"]) {
      if (!file.endsWith(".ts")) continue;
      const source = readFileSync(join(ROOT, file), "utf8");
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.CommonJS,
          esModuleInterop: true,
        },
      });
      const target = join(out, file.replace(/\.ts$/, ".js"));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  afterEach(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  /** Starts the compiled command and resolves with what it printed once it listed its gateways. */
  async function startCommand(args: string[]): Promise<string> {
    const cli = join(out, "emulator/cli.js");
    expect(existsSync(cli)).toBe(true);
    printed = "";
    child = spawn(process.execPath, [cli, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") },
    });
    let stdout = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stdout!.on("data", (d) => (printed += d));
    await new Promise<void>((ok, fail) => {
      child!.stdout!.on("data", () => /# gateways.*\n(# {3}.*\n)*(?!#)/.test(stdout) && ok());
      child!.once("exit", (code) => fail(new Error(`exited ${code}`)));
    });
    return stdout;
  }

  /** Everything the running command printed. */
  let printed = "";

  async function stopCommand(): Promise<unknown> {
    const exited = new Promise((ok) => child!.once("exit", (code) => ok(code)));
    child!.kill("SIGTERM");
    return exited;
  }

  test("keeps its endpoint, key and routes across restarts (--port, --access-key-*, --state) and lists the seed's gateways", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-keep-"));
    try {
      const port = String(20_000 + (process.pid % 20_000));
      const args = ["--port", port, "--access-key-id", "LTAIkept", "--access-key-secret", "kept-secret"];
      args.push("--seed", join(ROOT, "examples/emulator/seed.json"), "--state", join(dir, "state.json"));
      args.push("--config-delay-ms", "0");
      const first = await startCommand(args);
      expect(first).toContain(`export ALIBABA_CLOUD_ENDPOINT_VPC=http://127.0.0.1:${port}`);
      expect(first).toContain("export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIkept");
      expect(first).toMatch(
        /# {3}vpn-bp1hub00000000000001 {2}region cn-hangzhou {2}account 1234567890123456/,
      );
      expect(first).toMatch(/# {3}vpn-uf6branch0000000001 {2}region cn-shanghai/);
      const emulatorLike = {
        endpoint: `http://127.0.0.1:${port}`,
        host: "127.0.0.1",
        port: Number(port),
        credentials: { accessKeyId: "LTAIkept", accessKeySecret: "kept-secret" },
      };
      await popCore(emulatorLike as never).call("CreateVpnRouteEntry", {
        RegionId: "cn-hangzhou",
        VpnGatewayId: "vpn-bp1hub00000000000001",
        RouteDest: "10.9.0.0/16",
        NextHop: "vco-bp1kept0000000000001",
        Weight: 100,
        PublishVpc: false,
      });
      expect(await stopCommand()).toBe(0);
      expect(printed).toContain(
        `alicloud-vpc-emulator stopped; its gateways and routes are kept in ${join(dir, "state.json")}`,
      );

      const second = await startCommand(args);
      expect(second).toBe(first);
      const listed = await popCore(emulatorLike as never).call("DescribeVpnRouteEntries", {
        RegionId: "cn-hangzhou",
        VpnGatewayId: "vpn-bp1hub00000000000001",
      });
      expect(JSON.stringify(listed)).toContain("10.9.0.0/16");
      expect(await stopCommand()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("prints its endpoint and credentials, serves the API, stops on SIGTERM", async () => {
    const stdout = await startCommand(["--port", "0", "--config-delay-ms", "20"]);
    expect(stdout).toContain("# gateways (2):");
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(stdout)!;
    const accessKeyId = /ACCESS_KEY_ID=(\S+)/.exec(stdout)![1];
    const accessKeySecret = /ACCESS_KEY_SECRET=(\S+)/.exec(stdout)![1];
    const emulatorLike = {
      endpoint: endpoint[1],
      host: "127.0.0.1",
      port: Number(endpoint[2]),
      credentials: { accessKeyId, accessKeySecret },
    };
    const body = await popCore(emulatorLike as never).call("DescribeVpnGateway", {
      RegionId: "cn-hangzhou",
      VpnGatewayId: "vpn-emu00000000000000001",
    });
    expect(body.Status).toBe("active");
    expect(await stopCommand()).toBe(0);
    // No --state: the user learns that the routes went with the process.
    expect(printed).toMatch(
      /alicloud-vpc-emulator stopped; its routes were in memory only and are gone \(--state FILE keeps them\)\n$/,
    );
  });
});
