#!/usr/bin/env node
// @ts-check
/*
 * `npm run demo`: the landing zone (Pulumi.yaml -> examples/landing-zone, stack "demo" from Pulumi.demo.yaml)
 * deployed with the real `pulumi` engine against the emulator, offline.
 *
 *   1. builds the TypeScript (npm run build) and makes sure the Pulumi CLI exists (scripts/ensure-pulumi.sh);
 *   2. starts the emulator in this process, seeded with the stack config's gateways (two regions) and, for
 *      `memberAccount`, a member account that owns the branch gateway and a role there that trusts the network
 *      account (STS over https with a certificate made here and trusted through NODE_EXTRA_CA_CERTS); its
 *      state kept in .pulumi-demo/emulator-state.json;
 *   3. `pulumi up --refresh --yes`, then `pulumi preview --expect-no-changes`;
 *   4. prints every gateway's route tables as the emulator holds them, account by account.
 *
 * Everything it writes is under .pulumi-demo/ (git-ignored): the file backend, PULUMI_HOME, a passphrase made
 * on first run, and the copy of Pulumi.demo.yaml the stack runs with. A second run reuses the stack and the
 * emulator's state, so its update has nothing to change; `--refresh` keeps the two in step if one of them was
 * lost.
 *
 *   npm run demo [-- --fresh] [-- --skip-build] [-- --dir DIR]
 *   --fresh       delete the demo directory first (a new stack and an empty emulator)
 *   --skip-build  use dist/ as it is
 *   --dir DIR     keep everything in DIR instead of .pulumi-demo/ (the tests use this)
 */
"use strict";
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { parseArgs } = require("util");
const { DemoPulumi, ensurePulumiCli, REPO_ROOT } = require("./demo-pulumi");
const { formatGatewayTables } = require("./demo-tables");

const STACK = "demo";
const DEFAULT_DEMO_DIR = path.join(REPO_ROOT, ".pulumi-demo");
const CONFIG_TEMPLATE = path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`);
const PASSPHRASE_BYTES = 24;
const SALT_LINE = /^encryptionsalt: .*$/m;
/** Long enough to watch the engine order writes per gateway, short enough for a quick demo. */
const CONFIG_DELAY_MS = 100;

/** @param {string} text */
const say = (text) => console.log(`\n== ${text}`);

/** @param {string} demoDir */
function demoPaths(demoDir) {
  return {
    demoDir,
    /** The stack runs on this copy: `stack init` writes this machine's encryption salt into the config file. */
    configCopy: path.join(demoDir, `Pulumi.${STACK}.yaml`),
    passphraseFile: path.join(demoDir, "passphrase"),
    emulatorState: path.join(demoDir, "emulator-state.json"),
  };
}

/** @typedef {ReturnType<typeof demoPaths>} DemoPaths */

async function main() {
  const { values } = parseArgs({
    options: {
      fresh: { type: "boolean", default: false },
      "skip-build": { type: "boolean", default: false },
      dir: { type: "string", default: DEFAULT_DEMO_DIR },
    },
  });
  const paths = demoPaths(path.resolve(values.dir ?? DEFAULT_DEMO_DIR));
  const { demoDir, configCopy, passphraseFile, emulatorState } = paths;
  const shown = (/** @type {string} */ file) => {
    const relative = path.relative(REPO_ROOT, file);
    return relative.startsWith("..") ? file : relative || ".";
  };
  if (!values["skip-build"]) {
    say("Building the TypeScript sources (npm run build)");
    const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: REPO_ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }

  say("Locating the Pulumi CLI (scripts/ensure-pulumi.sh)");
  const binDir = ensurePulumiCli(say);
  console.log(binDir);

  if (values.fresh) fs.rmSync(demoDir, { recursive: true, force: true });
  for (const dir of ["state", "home"]) fs.mkdirSync(path.join(demoDir, dir), { recursive: true });
  if (!fs.existsSync(passphraseFile)) {
    fs.writeFileSync(passphraseFile, crypto.randomBytes(PASSPHRASE_BYTES).toString("hex"), { mode: 0o600 });
  }

  const { startEmulator } = require(path.join(REPO_ROOT, "dist", "emulator"));
  const options = { binDir, demoDir, passphraseFile };
  // Reading config and creating the stack need no credentials.
  const setup = new DemoPulumi({ ...options, extraEnv: {} });
  await ensureStack(setup, paths, shown);
  const { gateways, connections, member } = await stackTopology(setup, configCopy);

  say(`Starting the emulator with ${gateways.length} gateways (${regionsOf(gateways)})`);
  const tls = member ? await demoCertificate(demoDir) : undefined;
  const emulator = await startEmulator({
    // Every gateway has the stack's IPsec connections; a route to any other next hop is refused.
    gateways: gateways.map(({ role, vpnGatewayId, region }) => ({
      vpnGatewayId,
      regionId: region,
      vpnConnections: connections,
      ...(member?.gateways.includes(role) ? { accountId: member.accountId } : {}),
    })),
    configDelayMs: CONFIG_DELAY_MS,
    stateFile: emulatorState,
    ...(tls ? { sts: { tls } } : {}),
  });
  if (member) {
    emulator.addRole({
      accountId: member.accountId,
      roleName: member.roleName,
      trustedAccounts: [emulator.accountId],
      externalId: member.externalId,
    });
  }
  console.log(`${emulator.endpoint} (state: ${shown(emulatorState)})`);
  if (member)
    console.log(`STS https://${emulator.stsEndpoint}: role ${member.roleArn} trusts ${emulator.accountId}`);
  try {
    const pulumi = new DemoPulumi({
      ...options,
      // The emulator's own throwaway key; never written to config or state.
      extraEnv: {
        ALIBABA_CLOUD_ENDPOINT_VPC: emulator.endpoint,
        ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
        ...(tls ? { ALIBABA_CLOUD_ENDPOINT_STS: emulator.stsEndpoint, NODE_EXTRA_CA_CERTS: tls.caFile } : {}),
      },
    });
    const stackArgs = ["--stack", STACK, "--config-file", configCopy];
    console.log(`The program runs through ${pulumi.languageRuntime}.`);
    say("pulumi up --refresh --yes");
    await pulumi.run(["up", "--refresh", "--yes", ...stackArgs], { withProgram: true });
    say("pulumi preview --expect-no-changes");
    await pulumi.run(["preview", "--expect-no-changes", ...stackArgs], { withProgram: true });

    say("Route tables in the emulator");
    const accountOf = (/** @type {{ role: string }} */ gw) =>
      member?.gateways.includes(gw.role) ? member.accountId : emulator.accountId;
    for (const account of [...new Set(gateways.map(accountOf))]) {
      const how =
        account === member?.accountId
          ? `member account, reached through ${member.roleArn}`
          : "network account";
      console.log(`\n-- Account ${account} (${how})`);
      for (const gw of gateways.filter((g) => accountOf(g) === account)) printTables(gw);
    }
    /** @param {{ role: string, vpnGatewayId: string, region: string }} gw */
    function printTables(gw) {
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
      `Stack "${STACK}" and the emulator's state are kept in ${shown(demoDir)}/: run the demo`,
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
 * @param {DemoPaths} paths
 * @param {(file: string) => string} shown
 */
async function ensureStack(pulumi, { demoDir, configCopy, emulatorState }, shown) {
  const previous = fs.existsSync(configCopy) ? fs.readFileSync(configCopy, "utf8") : "";
  let salt = previous.match(SALT_LINE)?.[0];
  const listed = JSON.parse(await pulumi.run(["stack", "ls", "--json"], { capture: true }));
  const exists = listed.some((/** @type {{ name: string }} */ s) => s.name === STACK);
  if (!exists || !salt) {
    say(`Creating stack "${STACK}" on the local backend in ${shown(demoDir)}/state`);
    // A new stack starts with an empty emulator: routes left from an old one would only be "already exists".
    fs.rmSync(emulatorState, { force: true });
    const scratch = fs.mkdtempSync(path.join(demoDir, "init-"));
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
  fs.writeFileSync(configCopy, `${template}\n${salt}\n`);
}

/**
 * The gateways of the stack config (`landing-zone:gateways`), by role, its IPsec connection IDs
 * (`landing-zone:connections`), and the member account (`landing-zone:memberAccount`: the role to assume and the
 * gateways that live there), if any.
 * @param {DemoPulumi} pulumi
 * @param {string} configCopy
 */
async function stackTopology(pulumi, configCopy) {
  const args = ["config", "--json", "--stack", STACK, "--config-file", configCopy];
  const config = JSON.parse(await pulumi.run(args, { capture: true }));
  /** @param {string} suffix @param {boolean} [optional] */
  const objectOf = (suffix, optional = false) => {
    const entry = Object.entries(config).find(([key]) => key.endsWith(suffix));
    if (!entry && optional) return undefined;
    if (!entry) throw new Error(`${CONFIG_TEMPLATE} has no ${suffix.slice(1)}`);
    return entry[1].objectValue ?? JSON.parse(entry[1].value);
  };
  /** @type {{ role: string, vpnGatewayId: string, region: string }[]} */
  const gateways = Object.entries(objectOf(":gateways")).map(([role, gw]) => ({
    role,
    vpnGatewayId: gw.vpnGatewayId,
    region: gw.region,
  }));
  const connections = Object.values(objectOf(":connections"));
  const memberAccount = objectOf(":memberAccount", true);
  if (!memberAccount) return { gateways, connections, member: undefined };
  const roleArn = String(memberAccount.assumeRole.roleArn);
  const match = /^acs:ram::(\d+):role\/(.+)$/i.exec(roleArn);
  if (!match) throw new Error(`memberAccount.assumeRole.roleArn ${roleArn} is not a RAM role ARN`);
  /** @type {string[]} */
  const memberGateways = memberAccount.gateways;
  const member = {
    roleArn,
    accountId: match[1],
    roleName: match[2],
    externalId: memberAccount.assumeRole.externalId,
    gateways: memberGateways,
  };
  return { gateways, connections, member };
}

/**
 * A certificate for the emulator's STS on 127.0.0.1 (the SDK calls STS over https only), made once per demo
 * directory; the provider processes trust it through NODE_EXTRA_CA_CERTS.
 * @param {string} demoDir
 */
async function demoCertificate(demoDir) {
  const keyFile = path.join(demoDir, "sts-key.pem");
  const caFile = path.join(demoDir, "sts-cert.pem");
  if (!fs.existsSync(keyFile) || !fs.existsSync(caFile)) {
    const { generate } = require("selfsigned");
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      keyType: "ec",
      curve: "P-256",
      notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "keyUsage", digitalSignature: true, keyCertSign: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
      ],
    });
    fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
    fs.writeFileSync(caFile, pems.cert);
  }
  return { key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(caFile, "utf8"), caFile };
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
