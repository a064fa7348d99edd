/**
 * The engine's floor: as many dynamic resources as the routes, whose provider does nothing (create answers
 * at once, no API). What `pulumi up` costs for N resources of a dynamic provider in the same engine, with the
 * same language host and backend, is what no provider can go below.
 */
import * as fs from "fs";
import * as path from "path";

export const FLOOR_SPEC_FILE = "floor-spec.json";
/** Where a floor asked to stamp its creates writes each create's wall-clock time (ms), one a line. */
export const FLOOR_CREATES_FILE = "creates.log";

// The stamp is one appendFileSync a create, and only in the floor that asks for it: the others' serialized
// provider (and so their state bytes) stays the plain no-op's.
const createBody = (stamp: boolean) =>
  stamp
    ? `require("fs").appendFileSync(createsFile, Date.now() + "\\n");
    return { id: inputs.key, outs: inputs };`
    : `return { id: inputs.key, outs: inputs };`;

const program = (stamp: boolean) => `"use strict";
const pulumi = require("@pulumi/pulumi");
const { resources } = require("./${FLOOR_SPEC_FILE}");
${stamp ? `const createsFile = require("path").join(__dirname, "${FLOOR_CREATES_FILE}");\n` : ""}
const noop = {
  async create(inputs) {
    ${createBody(stamp)}
  },
};
for (let i = 0; i < resources; i++) {
  new pulumi.dynamic.Resource(noop, \`noop-\${i}\`, { key: String(i) }, undefined, "bench", "Noop");
}
`;

export function floorProgramFiles(resources: number, { stampCreates = false } = {}): Record<string, string> {
  return { "index.js": program(stampCreates), [FLOOR_SPEC_FILE]: JSON.stringify({ resources }) };
}

/** The wall-clock time (ms) of the first create a stamping floor made in projectDir. */
export function firstCreateAt(projectDir: string): number {
  const stamps = fs
    .readFileSync(path.join(projectDir, FLOOR_CREATES_FILE), "utf8")
    .split("\n")
    .filter(Boolean)
    .map(Number);
  if (stamps.length === 0) throw new Error(`the floor in ${projectDir} stamped no create`);
  return Math.min(...stamps);
}
