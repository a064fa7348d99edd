/**
 * Every YAML program in the guides (```yaml blocks of docs/*.md and the README) and examples/landing-zone-yaml
 * declares what the provider plugin's schema serves: known types, known inputs (nested ones too), every required
 * input, weights the API takes. The example itself is deployed by tests/e2e/yaml-landing-zone.e2e.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import schema from "../../plugin/schema.json";
import { documentationFiles, read, ROOT } from "./markdownFiles";

interface Property {
  $ref?: string;
  items?: Property;
  enum?: { value: unknown }[];
}
interface Shape {
  inputProperties?: Record<string, Property>;
  properties?: Record<string, Property>;
  requiredInputs?: string[];
  required?: string[];
  enum?: { value: unknown }[];
}
const doc = schema as unknown as {
  provider: Shape;
  resources: Record<string, Shape>;
  types: Record<string, Shape>;
};
const PROVIDER_TYPE = "pulumi:providers:alicloud-vpn";

/** The ```yaml blocks of a Markdown text, with the line each starts on. */
function yamlSnippets(markdown: string): { line: number; code: string }[] {
  const found: { line: number; code: string }[] = [];
  for (const match of markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)) {
    found.push({ line: markdown.slice(0, match.index).split("\n").length, code: match[1] });
  }
  return found;
}

const interpolated = (value: unknown) => typeof value === "string" && value.includes("${");

/** What is wrong with `value` as the schema's `property`, and below it. */
function problems(where: string, value: unknown, property: Property | undefined): string[] {
  if (!property) return [`${where}: not in the schema`];
  if (interpolated(value)) return [];
  if (property.items && Array.isArray(value))
    return value.flatMap((item, i) => problems(`${where}[${i}]`, item, property.items));
  const ref = property.$ref?.replace("#/types/", "");
  const type = ref ? doc.types[ref] : undefined;
  if (type?.enum && !type.enum.some((e) => e.value === value))
    return [`${where}: ${String(value)} is not allowed`];
  if (type?.properties && value && typeof value === "object")
    return objectProblems(where, value as Record<string, unknown>, type.properties, type.required ?? []);
  return [];
}

function objectProblems(
  where: string,
  value: Record<string, unknown>,
  properties: Record<string, Property>,
  required: string[],
): string[] {
  return [
    ...required.filter((k) => !(k in value)).map((k) => `${where}.${k}: required, missing`),
    ...Object.entries(value).flatMap(([k, v]) => problems(`${where}.${k}`, v, properties[k])),
  ];
}

function programProblems(where: string, program: { resources?: Record<string, unknown> }): string[] {
  return Object.entries(program.resources ?? {}).flatMap(([name, declared]) => {
    const { type, properties = {} } = declared as { type: string; properties?: Record<string, unknown> };
    const shape = type === PROVIDER_TYPE ? doc.provider : doc.resources[type];
    if (!shape) return [`${where} ${name}: unknown type ${type}`];
    return objectProblems(
      `${where} ${name}`,
      properties,
      shape.inputProperties ?? {},
      shape.requiredInputs ?? [],
    );
  });
}

describe("the YAML programs of the guides and examples/landing-zone-yaml", () => {
  const snippets = documentationFiles().flatMap((file) =>
    yamlSnippets(read(file)).map((s) => ({ where: `${file}:${s.line}`, code: s.code })),
  );

  it("are found", () => {
    expect(
      snippets.filter((s) => s.where.startsWith("docs/other-languages.md")).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it("declare only what the schema serves, with every required input", () => {
    const found = snippets.flatMap((s) => programProblems(s.where, parse(s.code) as object));
    expect(found).toEqual([]);
  });

  it("examples/landing-zone-yaml declares only what the schema serves", () => {
    const file = path.join(ROOT, "examples", "landing-zone-yaml", "Pulumi.yaml");
    const program = parse(fs.readFileSync(file, "utf8")) as { resources: Record<string, unknown> };
    expect(Object.keys(program.resources)).toHaveLength(5);
    expect(programProblems("examples/landing-zone-yaml", program)).toEqual([]);
  });

  it("would see an unknown input, a missing required one and a weight the API refuses", () => {
    const bad = {
      resources: {
        r: {
          type: "alicloud-vpn:index:VpnRouteEntry",
          properties: {
            vpnGatewayId: "vpn-x",
            nextHop: "vco-x",
            weight: 50,
            publishVpc: true,
            routeDst: "10.0.0.0/8",
          },
        },
      },
    };
    expect(programProblems("bad", bad)).toEqual([
      "bad r.routeDest: required, missing",
      "bad r.weight: 50 is not allowed",
      "bad r.routeDst: not in the schema",
    ]);
  });
});
