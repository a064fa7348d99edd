/**
 * The settings table of docs/configuration.md names exactly the stack config keys and environment variables the
 * code reads: the lists in provider/api/config/keys.ts, imported here, not a copy.
 */
import { CONFIG_KEYS, ENV_KEYS } from "../../provider/api/config/keys";
import { read } from "./markdownFiles";

/** Read by the code for its tests only: never a user's setting. */
const TESTS_ONLY: readonly string[] = ENV_KEYS.ecsMetadataEndpoint;
/** Named in the table because a user may set it, but read by @alicloud/credentials, not by this package. */
const READ_BY_THE_SDK = ["ALIBABA_CLOUD_STS_REGION"];

/** The section of docs/configuration.md under "## Every setting", up to the next heading. */
function settingsSection(): string {
  const doc = read("docs/configuration.md");
  const from = doc.indexOf("## Every setting");
  expect(from).toBeGreaterThanOrEqual(0);
  const to = doc.indexOf("\n## ", from + 1);
  return doc.slice(from, to < 0 ? undefined : to);
}

const tableRows = (section: string) => section.split("\n").filter((line) => /^\| `/.test(line));
const names = (text: string, pattern: RegExp) => new Set([...text.matchAll(pattern)].map((m) => m[1]));

describe("the settings table of docs/configuration.md", () => {
  const section = settingsSection();

  it("has one row per stack config key the code reads, and no other", () => {
    const keys = tableRows(section).map((row) => /^\| `([^`]+)`/.exec(row)?.[1]);
    expect([...keys].sort()).toEqual(Object.values(CONFIG_KEYS).sort());
  });

  it("names every environment variable the code reads for a user, and no other", () => {
    const expected = new Set([
      ...Object.values(ENV_KEYS)
        .flat()
        .filter((name) => !TESTS_ONLY.includes(name)),
      ...READ_BY_THE_SDK,
    ]);
    const named = names(section, /`([A-Z][A-Z0-9_]{3,})(?:=[^`]*)?`/g);
    expect([...named].sort()).toEqual([...expected].sort());
  });

  it("names only known keys anywhere in the configuration guide", () => {
    const known = new Set<string>(Object.values(CONFIG_KEYS));
    const mentioned = names(read("docs/configuration.md"), /`(alicloud(?:-vpn)?:[A-Za-z]+)`/g);
    expect([...mentioned].filter((key) => !known.has(key))).toEqual([]);
  });
});
