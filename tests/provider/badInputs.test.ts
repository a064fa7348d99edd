import * as fs from "node:fs";
import * as path from "node:path";
import { checkRouteInputs } from "../../provider/validation/check";
import { BAD_INPUTS, BAD_PROVIDER_SETTINGS, VALID_DBR, VALID_PBR, badInputsOf } from "./badInputs";
import { VpcClient } from "../../provider/api";
import {
  BAD_INPUTS_DOC,
  badInputsTable,
  formattedBadInputsMarkdown,
  guideWithBadInputs,
  TROUBLESHOOTING_DOC,
} from "./badInputsDoc";

describe("the bad-input table", () => {
  it("has at least 30 distinct mistakes", () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_INPUTS.map((b) => b.mistake)).size).toBe(BAD_INPUTS.length);
  });

  it("starts from routes that pass check", () => {
    expect(checkRouteInputs("dbr", { ...VALID_DBR }).failures).toEqual([]);
    expect(checkRouteInputs("pbr", { ...VALID_PBR }).failures).toEqual([]);
  });

  it.each(BAD_INPUTS.map((b) => [b.mistake, b] as const))(
    "%s: exactly the documented failure",
    (_, entry) => {
      const { failures } = checkRouteInputs(entry.kind, badInputsOf(entry));
      expect(failures).toEqual([{ property: entry.property, reason: entry.reason }]);
    },
  );

  it.each(BAD_PROVIDER_SETTINGS.map((b) => [b.mistake, b] as const))(
    "provider settings, %s: exactly the documented failure, no network call",
    (_, entry) => {
      const client = new VpcClient({ config: entry.config, env: {}, homeDir: "/nonexistent" });
      expect(() => client.checkCredentialConfiguration()).toThrow(entry.reason);
      expect(entry.reason).toContain(entry.property);
      client.destroy();
    },
  );

  it("names the property in every message and ends each with what to do", () => {
    for (const entry of BAD_INPUTS) {
      expect(entry.reason).toContain(entry.property);
      expect(entry.reason).toMatch(/[.?]$/);
    }
  });

  it("is written out, unchanged, in docs/bad-inputs.md", () => {
    const root = path.join(__dirname, "..", "..");
    const doc = fs.readFileSync(path.join(root, BAD_INPUTS_DOC), "utf8");
    expect(doc).toBe(formattedBadInputsMarkdown(root));
    expect(doc.match(/^\| \d+ +\|/gm)).toHaveLength(BAD_INPUTS.length + BAD_PROVIDER_SETTINGS.length);
  });

  it("is shown, unchanged, in docs/troubleshooting.md", () => {
    const root = path.join(__dirname, "..", "..");
    const guide = fs.readFileSync(path.join(root, TROUBLESHOOTING_DOC), "utf8");
    const doc = fs.readFileSync(path.join(root, BAD_INPUTS_DOC), "utf8");
    expect(guide).toBe(guideWithBadInputs(guide, badInputsTable(doc)));
    expect(guide).toContain(badInputsTable(doc));
  });
});
