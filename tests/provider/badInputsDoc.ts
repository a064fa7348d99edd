import * as path from "node:path";
import { formatMarkdown, withSection } from "../support/markdownSections";
import { BAD_INPUTS, BAD_PROVIDER_SETTINGS, badInputsOf } from "./badInputs";

/** Where the table is written, relative to the repository root. */
export const BAD_INPUTS_DOC = path.join("docs", "bad-inputs.md");

const TYPE_NAMES = { dbr: "VpnRouteEntry", pbr: "VpnPbrRouteEntry" } as const;

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text: string): string => "`" + text.replace(/`/g, "'") + "`";

function shown(entry: (typeof BAD_INPUTS)[number]): string {
  const inputs = badInputsOf(entry);
  if (!(entry.property in inputs)) return "(left out)";
  const value = JSON.stringify(inputs[entry.property]);
  return code(value.length > 40 ? `${value.slice(0, 37)}..."` : value);
}

/** docs/bad-inputs.md: the table of bad inputs and what `pulumi preview` says about each. */
export function renderBadInputsMarkdown(): string {
  const lines = [
    "# Bad inputs and what the user sees",
    "",
    "Generated from `tests/provider/badInputs.ts` by `tests/provider/writeBadInputsDoc.ts`; a test keeps the two in step.",
    "`check` finds these without calling the API, so `pulumi preview` fails before anything changes. The engine prints",
    "each as `<type> resource '<name>'s property '<property>' value <value> has a problem: <message>`. Credential settings",
    "(stack config, or the same inputs of an explicit `Provider`) fail the preview with the message as an error.",
    "",
    "| # | resource | mistake | property | value | message |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  BAD_INPUTS.forEach((entry, i) => {
    lines.push(
      `| ${i + 1} | ${TYPE_NAMES[entry.kind]} | ${cell(entry.mistake)} | ${code(entry.property)} | ${cell(shown(entry))} | ${cell(entry.reason)} |`,
    );
  });
  BAD_PROVIDER_SETTINGS.forEach((entry, i) => {
    const value = entry.config[entry.property];
    lines.push(
      `| ${BAD_INPUTS.length + i + 1} | provider settings | ${cell(entry.mistake)} | ${code(entry.property)} | ${cell(code(value.length > 40 ? `${value.slice(0, 37)}...` : value))} | ${cell(entry.reason)} |`,
    );
  });
  return lines.join("\n") + "\n";
}

/** The Markdown as the repository's Prettier settings format it, so `prettier --check .` passes on it. */
export function formattedBadInputsMarkdown(root: string): string {
  return formatMarkdown(root, renderBadInputsMarkdown(), BAD_INPUTS_DOC);
}

/** The troubleshooting guide, which shows the table too, relative to the repository root. */
export const TROUBLESHOOTING_DOC = path.join("docs", "troubleshooting.md");

/** The guide's section between `<!-- bad-inputs:begin -->` and `<!-- bad-inputs:end -->`. */
export const GUIDE_SECTION = "bad-inputs";

/** The table rows of the formatted doc: what the guide shows between its markers. */
export function badInputsTable(doc: string): string {
  return doc.slice(doc.indexOf("| #")).trimEnd();
}

/** The guide with the table between its markers replaced by `table`. */
export function guideWithBadInputs(guide: string, table: string): string {
  return withSection(guide, GUIDE_SECTION, table);
}
