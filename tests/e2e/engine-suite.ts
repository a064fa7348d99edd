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

/**
 * `describeWithPulumi` for programs of another language: `missing()` (called once the CLI is found) says what of
 * the language's tooling is absent, undefined when nothing is. Then the suite is skipped with a loud warning on a
 * developer machine, and FAILS in CI, where `setUp` must have provided it.
 */
export function describeWithTooling(
  name: string,
  setUp: string,
  missing: () => string | undefined,
  body: () => void,
): void {
  describeWithPulumi(name, () => {
    const absent = missing();
    if (absent === undefined) {
      body();
    } else if (process.env.CI === "true") {
      it(`has what its programs need (run ${setUp} before the tests)`, () => {
        throw new Error(`missing in CI: ${absent}`);
      });
    } else {
      console.warn(`\n!!! SKIPPING "${name}": ${absent} (${setUp} provides it).\n`);
      it.skip(name, () => undefined);
    }
  });
}
