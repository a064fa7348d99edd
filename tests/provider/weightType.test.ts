/**
 * `weight` is typed `0 | 100` in the public inputs, so `tsc` refuses any other number in a user's program
 * (the API refuses it too, but only at preview time). Compiles snippets against the package's declarations.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as ts from "typescript";

const ROOT = resolve(__dirname, "../..");

function typeErrors(snippets: Record<string, string>): Record<string, string[]> {
  const dir = mkdtempSync(join(ROOT, "tests", "provider", ".work-types-"));
  try {
    const files = Object.entries(snippets).map(([name, body]) => {
      const file = join(dir, `${name}.ts`);
      writeFileSync(
        file,
        `import { VpnGatewayRoutes, VpnPbrRouteEntry, VpnRouteEntry } from "${ROOT}/index";\n${body}\n`,
      );
      return [name, file] as const;
    });
    const program = ts.createProgram(
      files.map(([, file]) => file),
      {
        strict: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        skipLibCheck: true,
        noEmit: true,
        types: [],
      },
    );
    return Object.fromEntries(
      files.map(([name, file]) => [
        name,
        ts
          .getPreEmitDiagnostics(program, program.getSourceFile(file))
          .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ROUTE = `vpnGatewayId: "vpn-a", routeDest: "10.0.0.0/16", nextHop: "vco-a", publishVpc: true`;

test("tsc refuses weight 50 on VpnRouteEntry, VpnPbrRouteEntry and VpnGatewayRoutes, and takes 0 and 100", () => {
  const errors = typeErrors({
    valid: [
      `new VpnRouteEntry("a", { ${ROUTE}, weight: 100 });`,
      `new VpnRouteEntry("b", { ${ROUTE}, weight: 0 });`,
      `new VpnPbrRouteEntry("c", { ${ROUTE}, routeSource: "192.168.0.0/24", weight: 0 });`,
      `new VpnGatewayRoutes("d", { vpnGatewayId: "vpn-a", defaults: { weight: 0 }, routes: [{ routeDest: "10.0.0.0/16", weight: 100 }] });`,
    ].join("\n"),
    dbr: `new VpnRouteEntry("a", { ${ROUTE}, weight: 50 });`,
    pbr: `new VpnPbrRouteEntry("c", { ${ROUTE}, routeSource: "192.168.0.0/24", weight: 50 });`,
    table: `new VpnGatewayRoutes("d", { vpnGatewayId: "vpn-a", routes: [{ routeDest: "10.0.0.0/16", weight: 50 }] });`,
    defaults: `new VpnGatewayRoutes("e", { vpnGatewayId: "vpn-a", defaults: { weight: 50 } });`,
  });
  expect(errors.valid).toEqual([]);
  for (const name of ["dbr", "pbr", "table", "defaults"]) {
    expect(errors[name]).toEqual([
      expect.stringMatching(/Type '50' is not assignable to type .*(RouteWeight|0 \| 100)/s),
    ]);
  }
});
