// @ts-check
/*
 * Runs the compiled VpcClient in its own process, for tests of the credential chain: @alicloud/credentials
 * calls STS over https through its own agent, so the test certificate is trusted the way a user's process
 * would trust a CA, through NODE_EXTRA_CA_CERTS, which Node reads at start.
 * Input (argv[2], JSON): { config, gateway, region, rounds: [{ calls, pauseMsBefore }] }.
 * Output (stdout, JSON): { results: ["ok" | { name, message }] }.
 */
"use strict";
const { setTimeout } = require("timers");
const path = require("path");
const { VpcClient } = require(path.join(__dirname, "..", "..", "..", "dist", "provider", "api"));

async function main() {
  const job = JSON.parse(process.argv[2]);
  const client = new VpcClient({ config: job.config, env: process.env, maxAttempts: 1 });
  const results = [];
  for (const round of job.rounds) {
    if (round.pauseMsBefore) await new Promise((r) => setTimeout(r, round.pauseMsBefore));
    const calls = Array.from({ length: round.calls }, () =>
      client.describeVpnGateway({ RegionId: job.region, VpnGatewayId: job.gateway }).then(
        () => "ok",
        (e) => ({ name: e.name, message: e.message, code: e.code }),
      ),
    );
    results.push(...(await Promise.all(calls)));
  }
  client.destroy();
  process.stdout.write(JSON.stringify({ results }));
}
main().catch((e) => {
  process.stdout.write(JSON.stringify({ fatal: { name: e.name, message: e.message } }));
});
