/**
 * The engine's floor: as many dynamic resources as the routes, whose provider does nothing (create answers
 * at once, no API). What `pulumi up` costs for N resources of a dynamic provider in the same engine, with the
 * same language host and backend, is what no provider can go below.
 */
export const FLOOR_SPEC_FILE = "floor-spec.json";

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { resources } = require("./${FLOOR_SPEC_FILE}");

const noop = {
  async create(inputs) {
    return { id: inputs.key, outs: inputs };
  },
};
for (let i = 0; i < resources; i++) {
  new pulumi.dynamic.Resource(noop, \`noop-\${i}\`, { key: String(i) }, undefined, "bench", "Noop");
}
`;

export function floorProgramFiles(resources: number): Record<string, string> {
  return { "index.js": PROGRAM, [FLOOR_SPEC_FILE]: JSON.stringify({ resources }) };
}
