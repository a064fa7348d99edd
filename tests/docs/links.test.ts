/**
 * Every relative link of the README, the changelog and the guides resolves: the file (or directory) exists, and a
 * `#anchor` names a heading of the Markdown file it points into.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { documentationFiles, headingAnchors, read, ROOT, withoutCode } from "./markdownFiles";

/** The targets of the inline links and images of a Markdown text, with the line each is on. */
export function linkTargets(markdown: string): { line: number; target: string }[] {
  const text = withoutCode(markdown).replace(/`[^`\n]*`/g, (code) => " ".repeat(code.length));
  const links: { line: number; target: string }[] = [];
  for (const match of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
    links.push({ line: text.slice(0, match.index).split("\n").length, target: match[1] });
  }
  return links;
}

/** Why a relative link of `file` does not resolve, or undefined when it does (external links are not checked). */
export function brokenLink(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  const [pathPart, anchor] = target.split("#", 2);
  const resolved = pathPart ? path.normalize(path.join(path.dirname(file), pathPart)) : file;
  if (resolved.startsWith("..")) return `${target} leaves the repository`;
  if (!fs.existsSync(path.join(ROOT, resolved))) return `${target}: ${resolved} does not exist`;
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith(".md")) return `${target}: an anchor into a file that is not Markdown`;
  return headingAnchors(read(resolved)).has(anchor)
    ? undefined
    : `${target}: ${resolved} has no heading #${anchor}`;
}

describe("the relative links of the README, the changelog and the guides", () => {
  const files = documentationFiles();

  it.each(files)("%s: every one resolves", (file) => {
    const broken = linkTargets(read(file))
      .map(({ line, target }) => ({ line, problem: brokenLink(file, target) }))
      .filter((l) => l.problem)
      .map((l) => `${file}:${l.line}: ${l.problem}`);
    expect(broken).toEqual([]);
  });

  it("finds links at all, and would see a missing file or heading", () => {
    expect(linkTargets(read("README.md")).length).toBeGreaterThan(10);
    expect(brokenLink("README.md", "docs/failover.md")).toBeUndefined();
    expect(brokenLink("docs/failover.md", "../README.md#support")).toBeUndefined();
    expect(brokenLink("README.md", "docs/no-such-guide.md")).toMatch(/does not exist/);
    expect(brokenLink("README.md", "#no-such-heading")).toMatch(/has no heading/);
    expect(brokenLink("README.md", "https://www.pulumi.com/registry/")).toBeUndefined();
  });
});
