/**
 * Every TypeScript snippet in the README and the guides (docs/*.md) compiles as a user's program would, against
 * the package's own types: no undefined names, no unused imports, no input the types refuse. Every guide has one.
 */
import * as path from "node:path";
import * as ts from "typescript";
import { documentationFiles, GUIDES, read, ROOT } from "./markdownFiles";

/** The ```ts blocks of a Markdown text (also indented in a list item), with the line each starts on. */
export function typescriptSnippets(markdown: string): { line: number; code: string }[] {
  const snippets: { line: number; code: string }[] = [];
  const pattern = /^( *)```ts\n([\s\S]*?)^\1```$/gm;
  for (let match = pattern.exec(markdown); match; match = pattern.exec(markdown)) {
    const indent = match[1].length;
    const code = match[2].replace(new RegExp(`^ {0,${indent}}`, "gm"), "");
    snippets.push({ line: markdown.slice(0, match.index).split("\n").length, code });
  }
  return snippets;
}

/** Type errors of one snippet, compiled as an ES module (top-level await) with the package mapped to its sources. */
function diagnosticsOf(code: string): string[] {
  const file = path.join(ROOT, "tests", "docs", "__snippet__.ts");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    noUnusedLocals: true,
    esModuleInterop: true,
    types: ["node"],
    baseUrl: ROOT,
    paths: {
      "alicloud-vpn-routes": ["./index.ts"],
      "alicloud-vpn-routes/emulator": ["./emulator/index.ts"],
      "alicloud-vpn-routes/runtime": ["./provider/runtime/index.ts"],
    },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? code : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the TypeScript snippets of the README and the guides", () => {
  const snippets = documentationFiles().flatMap((file) =>
    typescriptSnippets(read(file)).map((s) => ({ file, ...s })),
  );

  it("are found in the README and in every guide", () => {
    expect(snippets.filter((s) => s.file === "README.md").length).toBeGreaterThanOrEqual(1);
    for (const guide of GUIDES)
      expect([guide, snippets.some((s) => s.file === guide)]).toEqual([guide, true]);
  });

  it.each(snippets.map((s) => [s.file, s.line, s.code] as const))(
    "%s: the one at line %i compiles",
    (_f, _l, code) => {
      expect(diagnosticsOf(code)).toEqual([]);
    },
  );

  it("would show an undefined name or an unused import", () => {
    const broken = 'import * as pulumi from "@pulumi/pulumi";\nexport const id = gatewayId;\n';
    const problems = diagnosticsOf(broken).join("\n");
    expect(problems).toMatch(/Cannot find name 'gatewayId'/);
    expect(problems).toMatch(/'pulumi' is declared but its value is never read/);
  });
});
