/**
 * Generated Markdown kept in files that people also edit (the README): a section between
 * `<!-- name:begin -->` and `<!-- name:end -->` markers, formatted as the repository's Prettier settings
 * would, so that `prettier --check .` passes on what a generator wrote.
 */
import { execFileSync } from "node:child_process";

const begin = (name: string) => `<!-- ${name}:begin -->`;
const end = (name: string) => `<!-- ${name}:end -->`;

function markers(text: string, name: string): { from: number; to: number } {
  const from = text.indexOf(begin(name));
  const to = text.indexOf(end(name));
  if (from < 0 || to < from) throw new Error(`the file lacks the ${begin(name)} / ${end(name)} markers`);
  return { from: from + begin(name).length, to };
}

/** `text` with what stands between the markers called `name` replaced by `content`. */
export function withSection(text: string, name: string, content: string): string {
  const { from, to } = markers(text, name);
  return `${text.slice(0, from)}\n\n${content.trim()}\n\n${text.slice(to)}`;
}

/**
 * Markdown as Prettier formats it at `filepath` (relative to `root`). Prettier runs as its CLI in a child
 * process: its ESM internals do not load inside Jest's module registry.
 */
export function formatMarkdown(root: string, markdown: string, filepath: string): string {
  const cli = require.resolve("prettier/bin/prettier.cjs", { paths: [root] });
  return execFileSync(process.execPath, [cli, "--stdin-filepath", filepath], {
    cwd: root,
    input: markdown,
    encoding: "utf8",
  });
}
