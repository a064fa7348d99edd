// @ts-check
/* The demo's closing view: each gateway's route tables as the emulator holds them, one text table each. */
"use strict";

const WEIGHT_NAMES = { 100: "active", 0: "standby" };

/**
 * @param {string[]} headers
 * @param {string[][]} rows
 * @returns {string[]}
 */
function textTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** @param {number} weight */
function weightText(weight) {
  const name = WEIGHT_NAMES[/** @type {0 | 100} */ (weight)];
  return name ? `${weight} (${name})` : String(weight);
}

/**
 * @typedef {{ RouteDest: string, NextHop: string, Weight: number, State: string, Description?: string }} Route
 * @typedef {Route & { RouteSource: string, Priority: number }} PolicyRoute
 * @typedef {{ role: string, vpnGatewayId: string, regionId: string, routes: Route[], policyRoutes: PolicyRoute[] }} GatewayTables
 */

/**
 * @param {GatewayTables} gw
 * @returns {string}
 */
function formatGatewayTables(gw) {
  const byDest = (/** @type {Route} */ a, /** @type {Route} */ b) =>
    a.RouteDest.localeCompare(b.RouteDest) || b.Weight - a.Weight || a.NextHop.localeCompare(b.NextHop);
  const out = [`${gw.role}: ${gw.vpnGatewayId} (${gw.regionId})`];
  if (gw.routes.length > 0) {
    out.push(`  destination routes (${gw.routes.length}):`);
    const rows = [...gw.routes]
      .sort(byDest)
      .map((r) => [r.RouteDest, r.NextHop, weightText(r.Weight), r.State, r.Description ?? ""]);
    out.push(
      ...textTable(["destination", "next hop", "weight", "state", "description"], rows).map(
        (l) => `    ${l}`,
      ),
    );
  }
  if (gw.policyRoutes.length > 0) {
    out.push(`  policy routes (${gw.policyRoutes.length}):`);
    const rows = [...gw.policyRoutes]
      .sort((a, b) => a.Priority - b.Priority || a.RouteSource.localeCompare(b.RouteSource) || byDest(a, b))
      .map((r) => [String(r.Priority), r.RouteSource, r.RouteDest, r.NextHop, weightText(r.Weight), r.State]);
    out.push(
      ...textTable(["priority", "source", "destination", "next hop", "weight", "state"], rows).map(
        (l) => `    ${l}`,
      ),
    );
  }
  if (gw.routes.length + gw.policyRoutes.length === 0) out.push("  (no routes)");
  return out.join("\n");
}

module.exports = { formatGatewayTables, textTable };
