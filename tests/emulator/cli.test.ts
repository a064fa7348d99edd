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
    for (const dir of ["emulator", "provider/api/signing"]) {
      for (const file of readdirSync(join(ROOT, dir), { recursive: true }) as string[]) {
        if (!file.endsWith(".ts")) continue;
        const source = readFileSync(join(ROOT, dir, file), "utf8");
        const { outputText } = ts.transpileModule(source, {
          compilerOptions: {
            target: ts.ScriptTarget.ES2022,
            module: ts.ModuleKind.CommonJS,
            esModuleInterop: true,
          },
        });
        const target = join(out, dir, file.replace(/\.ts$/, ".js"));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, outputText);
      }
    }
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  afterEach(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  test("prints its endpoint and credentials, serves the API, stops on SIGTERM", async () => {
    const cli = join(out, "emulator/cli.js");
    expect(existsSync(cli)).toBe(true);
    child = spawn(process.execPath, [cli, "--port", "0", "--config-delay-ms", "20"], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") },
    });
    let stdout = "";
    child.stdout!.on("data", (d) => (stdout += d));
    await new Promise<void>((ok, fail) => {
      child!.stdout!.on("data", () => stdout.includes("SECRET=") && ok());
      child!.once("exit", (code) => fail(new Error(`exited ${code}`)));
    });
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
    const exited = new Promise((ok) => child!.once("exit", (code) => ok(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
