/**
 * Every TypeScript snippet in the README compiles as a user's program would, against the package's own types:
 * no undefined names, no unused imports, no input the types refuse.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");

/** The ```ts blocks of a Markdown text, with the line each starts on. */
export function typescriptSnippets(markdown: string): { line: number; code: string }[] {
  const snippets: { line: number; code: string }[] = [];
  const pattern = /^```ts\n([\s\S]*?)^```$/gm;
  for (let match = pattern.exec(markdown); match; match = pattern.exec(markdown)) {
    snippets.push({ line: markdown.slice(0, match.index).split("\n").length, code: match[1] });
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

describe("the README's TypeScript snippets", () => {
  const snippets = typescriptSnippets(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));

  it("are found", () => expect(snippets.length).toBeGreaterThanOrEqual(3));

  it.each(snippets.map((s) => [s.line, s.code] as const))("the one at line %i compiles", (_line, code) => {
    expect(diagnosticsOf(code)).toEqual([]);
  });

  it("would show an undefined name or an unused import", () => {
    const broken = 'import * as pulumi from "@pulumi/pulumi";\nexport const id = gatewayId;\n';
    const problems = diagnosticsOf(broken).join("\n");
    expect(problems).toMatch(/Cannot find name 'gatewayId'/);
    expect(problems).toMatch(/'pulumi' is declared but its value is never read/);
  });
});
