/**
 * The documentation the docs tests read: the README, the changelog and the guides in docs/ (not the generated API
 * reference in docs/api/), and GitHub's anchors for their headings.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

/** The guides the README promises, one task each: each has at least one TypeScript snippet that compiles. */
export const GUIDES = [
  "docs/getting-started.md",
  "docs/route-tables.md",
  "docs/failover.md",
  "docs/configuration.md",
  "docs/accounts-and-regions.md",
  "docs/large-stacks.md",
  "docs/teams.md",
  "docs/emulator.md",
  "docs/troubleshooting.md",
  "docs/architecture.md",
  "docs/benchmarks.md",
] as const;

/** README.md, CHANGELOG.md and every docs/*.md, relative to the repository root. */
export function documentationFiles(): string[] {
  const guides = fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`);
  return ["README.md", "CHANGELOG.md", ...guides.sort()];
}

export const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8");

/** Markdown without its fenced code blocks (their `#` lines are not headings, their brackets not links). */
export function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|````)[^\n]*\n[\s\S]*?^\1$/gm, "");
}

/** The anchors GitHub gives the headings of a Markdown text: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of withoutCode(markdown).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = match[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
