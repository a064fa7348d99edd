#!/usr/bin/env node
// @ts-check
/*
 * `npm run demo`: the landing zone (Pulumi.yaml -> examples/landing-zone, stack "demo" from Pulumi.demo.yaml)
 * deployed with the real `pulumi` engine against the emulator, offline.
 *
 *   1. builds the TypeScript (npm run build) and makes sure the Pulumi CLI exists (scripts/ensure-pulumi.sh);
 *   2. starts the emulator in this process, seeded with the stack config's gateways (two regions), its state
 *      kept in .pulumi-demo/emulator-state.json;
 *   3. `pulumi up --refresh --yes`, then `pulumi preview --expect-no-changes`;
 *   4. prints every gateway's route tables as the emulator holds them.
 *
 * Everything it writes is under .pulumi-demo/ (git-ignored): the file backend, PULUMI_HOME, a passphrase made
 * on first run, and the copy of Pulumi.demo.yaml the stack runs with. A second run reuses the stack and the
 * emulator's state, so its update has nothing to change; `--refresh` keeps the two in step if one of them was
 * lost. `npm run demo -- --fresh` deletes .pulumi-demo/ first; `-- --skip-build` uses dist/ as it is.
 */
"use strict";
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { DemoPulumi, ensurePulumiCli, REPO_ROOT } = require("./demo-pulumi");
const { formatGatewayTables } = require("./demo-tables");

const STACK = "demo";
const DEMO_DIR = path.join(REPO_ROOT, ".pulumi-demo");
const CONFIG_TEMPLATE = path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`);
/** The stack runs on this copy: `stack init` writes this machine's encryption salt into the stack's config file. */
const CONFIG_COPY = path.join(DEMO_DIR, `Pulumi.${STACK}.yaml`);
const PASSPHRASE_FILE = path.join(DEMO_DIR, "passphrase");
const EMULATOR_STATE = path.join(DEMO_DIR, "emulator-state.json");
const PASSPHRASE_BYTES = 24;
const SALT_LINE = /^encryptionsalt: .*$/m;
/** Long enough to watch the engine order writes per gateway, short enough for a quick demo. */
const CONFIG_DELAY_MS = 100;

/** @param {string} text */
const say = (text) => console.log(`\n== ${text}`);

async function main() {
  const fresh = process.argv.includes("--fresh");
  if (!process.argv.includes("--skip-build")) {
    say("Building the TypeScript sources (npm run build)");
    const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: REPO_ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }

  say("Locating the Pulumi CLI (scripts/ensure-pulumi.sh)");
  const binDir = ensurePulumiCli(say);
  console.log(binDir);

  if (fresh) fs.rmSync(DEMO_DIR, { recursive: true, force: true });
  for (const dir of ["state", "home"]) fs.mkdirSync(path.join(DEMO_DIR, dir), { recursive: true });
  if (!fs.existsSync(PASSPHRASE_FILE)) {
    fs.writeFileSync(PASSPHRASE_FILE, crypto.randomBytes(PASSPHRASE_BYTES).toString("hex"), { mode: 0o600 });
  }

  const { startEmulator } = require(path.join(REPO_ROOT, "dist", "emulator"));
  const options = { binDir, demoDir: DEMO_DIR, passphraseFile: PASSPHRASE_FILE };
  // Reading config and creating the stack need no credentials.
  const setup = new DemoPulumi({ ...options, extraEnv: {} });
  await ensureStack(setup);
  const gateways = await stackGateways(setup);

  say(`Starting the emulator with ${gateways.length} gateways (${regionsOf(gateways)})`);
  const emulator = await startEmulator({
    gateways: gateways.map(({ vpnGatewayId, region }) => ({ vpnGatewayId, regionId: region })),
    configDelayMs: CONFIG_DELAY_MS,
    stateFile: EMULATOR_STATE,
  });
  console.log(`${emulator.endpoint} (state: ${path.relative(REPO_ROOT, EMULATOR_STATE)})`);
  try {
    const pulumi = new DemoPulumi({
      ...options,
      // The emulator's own throwaway key; never written to config or state.
      extraEnv: {
        ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint,
        ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
      },
    });
    const stackArgs = ["--stack", STACK, "--config-file", CONFIG_COPY];
    console.log(
      '\n(Expect the engine\'s warning "using pulumi-resource-pulumi-nodejs from $PATH": the demo takes the dynamic' +
        "\nprovider plugin from node_modules/@pulumi/pulumi instead of installing it next to the pulumi binary.)",
    );
    say("pulumi up --refresh --yes");
    await pulumi.run(["up", "--refresh", "--yes", ...stackArgs], { withProgram: true });
    say("pulumi preview --expect-no-changes");
    await pulumi.run(["preview", "--expect-no-changes", ...stackArgs], { withProgram: true });

    say("Route tables in the emulator");
    for (const gw of gateways) {
      const state = emulator.gateway(gw.vpnGatewayId);
      const tables = {
        role: gw.role,
        vpnGatewayId: gw.vpnGatewayId,
        regionId: state?.RegionId ?? gw.region,
        routes: emulator.routes(gw.vpnGatewayId),
        policyRoutes: emulator.pbrRoutes(gw.vpnGatewayId),
      };
      console.log(`\n${formatGatewayTables(tables)}`);
    }
  } finally {
    await emulator.stop();
  }
  say("Done");
  console.log(
    [
      `Stack "${STACK}" and the emulator's state are kept in ${path.relative(REPO_ROOT, DEMO_DIR)}/: run the demo`,
      "again for an update with nothing to change, edit examples/landing-zone/topology.ts to see a change,",
      "or `npm run demo -- --fresh` to start over.",
    ].join("\n"),
  );
}

/**
 * Creates the stack on first run. `pulumi stack init` writes the new encryption salt into Pulumi.demo.yaml,
 * a tracked file, so it runs in a scratch project of the same name; the salt then goes into the copy the
 * demo runs with. The copy is rebuilt from Pulumi.demo.yaml on every run, so edits to it take effect.
 * @param {DemoPulumi} pulumi
 */
async function ensureStack(pulumi) {
  const previous = fs.existsSync(CONFIG_COPY) ? fs.readFileSync(CONFIG_COPY, "utf8") : "";
  let salt = previous.match(SALT_LINE)?.[0];
  const listed = JSON.parse(await pulumi.run(["stack", "ls", "--json"], { capture: true }));
  const exists = listed.some((/** @type {{ name: string }} */ s) => s.name === STACK);
  if (!exists || !salt) {
    say(`Creating stack "${STACK}" on the local backend in ${path.relative(REPO_ROOT, DEMO_DIR)}/state`);
    // A new stack starts with an empty emulator: routes left from an old one would only be "already exists".
    fs.rmSync(EMULATOR_STATE, { force: true });
    const scratch = fs.mkdtempSync(path.join(DEMO_DIR, "init-"));
    try {
      fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(scratch, "Pulumi.yaml"));
      if (exists)
        await pulumi.run(["stack", "rm", STACK, "--yes", "--force"], { cwd: scratch, capture: true });
      await pulumi.run(["stack", "init", STACK], { cwd: scratch, capture: true });
      salt = fs.readFileSync(path.join(scratch, `Pulumi.${STACK}.yaml`), "utf8").match(SALT_LINE)?.[0];
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    if (!salt) throw new Error("pulumi stack init wrote no encryption salt");
  }
  const template = fs.readFileSync(CONFIG_TEMPLATE, "utf8").replace(SALT_LINE, "").trimEnd();
  fs.writeFileSync(CONFIG_COPY, `${template}\n${salt}\n`);
}

/**
 * The gateways of the stack config (`landing-zone:gateways`), by role.
 * @param {DemoPulumi} pulumi
 * @returns {Promise<{ role: string, vpnGatewayId: string, region: string }[]>}
 */
async function stackGateways(pulumi) {
  const args = ["config", "--json", "--stack", STACK, "--config-file", CONFIG_COPY];
  const config = JSON.parse(await pulumi.run(args, { capture: true }));
  const entry = Object.entries(config).find(([key]) => key.endsWith(":gateways"));
  if (!entry) throw new Error(`${CONFIG_TEMPLATE} has no gateways`);
  const value = entry[1].objectValue ?? JSON.parse(entry[1].value);
  return Object.entries(value).map(([role, gw]) => ({
    role,
    vpnGatewayId: gw.vpnGatewayId,
    region: gw.region,
  }));
}

/** @param {{ region: string }[]} gateways */
function regionsOf(gateways) {
  return [...new Set(gateways.map((g) => g.region))].join(", ");
}

main().catch((/** @type {Error} */ err) => {
  console.error(`\nnpm run demo: ${err.message}`);
  console.error("Run `npm run demo -- --fresh` to start over with a new stack and an empty emulator.");
  process.exit(1);
});
