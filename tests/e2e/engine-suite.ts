/**
 * `describe` for engine tests. Without the Pulumi CLI the suite is skipped with a loud warning on a developer
 * machine, and FAILS in CI (CI=true), where scripts/ensure-pulumi.sh must have run before the tests.
 */
import { locatePulumiCli } from "./pulumi-cli";

/** Engine tests start several processes per CLI command; a preview or update takes a few seconds. */
export const ENGINE_TEST_TIMEOUT_MS = 120_000;

export function describeWithPulumi(name: string, body: () => void): void {
  const located = locatePulumiCli();
  if (located.cli) {
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("has the Pulumi CLI (run scripts/ensure-pulumi.sh before the tests)", () => {
        throw new Error(`Pulumi CLI missing in CI: ${located.missing}`);
      });
    });
  } else {
    console.warn(
      `\n!!! SKIPPING engine tests "${name}": no Pulumi CLI (${located.missing}).\n` +
        `!!! Build it once with scripts/ensure-pulumi.sh (about 8 minutes), then re-run.\n`,
    );
    describe.skip(name, body);
  }
}
