/**
 * Where a route was declared, as Pulumi records it in the state (`sourcePosition`, `stackTrace`): the user's
 * own frames, from the line that declared the route or its VpnGatewayRoutes table.
 *
 * @pulumi/pulumi's Resource.callsites() parses `new Error().stack`, every frame of it, and skips the frames of
 * its own constructors and of the resource class's. The frames inside this package beyond that one
 * (VpnGatewayRoutes building its children), Node's own frames (recorded as `{}`) and @pulumi/pulumi's runner
 * below the program tell a user nothing and cost about 650 bytes of state per route, written again with every
 * checkpoint; while a route registers, stacks are formatted without them.
 *
 * VpnGatewayRoutes builds each route when the route's turn comes (components/registrationWindow.ts), from a
 * callback with no user frame on its stack: it captures the user's frames once, when the table is declared,
 * and each route is recorded with those.
 *
 * Checked against @pulumi/pulumi 3.248.0 and 3.276.0 (Resource.callsites() unchanged between them);
 * tests/provider/promiseStacks.test.ts counts the stacks formatted while routes register.
 */
import * as path from "path";

/**
 * This package's compiled resource code: dist/provider, dist/components and dist/plugin (provider/... from
 * source). In the provider plugin no user frame is on the stack (the program is YAML, Python...: the engine has
 * its position), so a plugin's route records none of this package's frames either.
 */
const OWN_DIRS = ["provider", "components", "plugin"].map(
  (d) => path.join(path.resolve(__dirname, ".."), d) + path.sep,
);
/** The SDK the route classes extend: its runner's frames below the program are not recorded. */
const SDK_DIR = path.dirname(require.resolve("@pulumi/pulumi")) + path.sep;

/** The user's frames where a VpnGatewayRoutes was declared, recorded for each of its routes. */
export type DeclarationSite = readonly NodeJS.CallSite[];

/** Set while a route of a table is built, so that the route records where its table was declared. */
let buildingFrom: DeclarationSite | undefined;

function isOwnFrame(frame: NodeJS.CallSite): boolean {
  const file = frame.getFileName();
  return file !== undefined && file !== null && OWN_DIRS.some((dir) => file.startsWith(dir));
}

/** Frames the SDK records as `{}` or that lie in the SDK itself. */
function isRunnerFrame(frame: NodeJS.CallSite): boolean {
  const file = frame.getFileName();
  return !file || file.startsWith("node:") || file.startsWith(SDK_DIR);
}

function userFrames(frames: readonly NodeJS.CallSite[]): NodeJS.CallSite[] {
  return frames.filter((frame) => !isOwnFrame(frame) && !isRunnerFrame(frame));
}

/**
 * The frames up to the first of this package (the SDK's constructors, then ours that calls CustomResource's,
 * which the SDK skips as the resource class's), then only the user's: those of the declaration site when a
 * table builds the route.
 */
function recordedFrames(frames: NodeJS.CallSite[]): NodeJS.CallSite[] {
  const first = frames.findIndex(isOwnFrame);
  if (first < 0) return frames;
  return [...frames.slice(0, first + 1), ...(buildingFrom ?? userFrames(frames.slice(first + 1)))];
}

/** V8's own format ("Error: message" then "    at ..." per frame), for when no one else formats stacks. */
function formatStack(error: Error, frames: NodeJS.CallSite[]): string {
  const head = error.message ? `${error.name}: ${error.message}` : error.name;
  return [head, ...frames.map((frame) => `    at ${String(frame)}`)].join("\n");
}

/**
 * Formats every stack with recordedFrames() until the returned function is called; call it in a `finally`
 * right after the resource's synchronous registration (a constructor cannot wrap super()).
 */
export function recordUserFramesOnly(): () => void {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    const kept = recordedFrames(frames);
    return previous ? previous(error, kept) : formatStack(error, kept);
  };
  return () => {
    Error.prepareStackTrace = previous;
  };
}

/** The user's frames of the current stack: call it in the constructor of a table. */
export function declarationSite(): DeclarationSite {
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  let frames: NodeJS.CallSite[] = [];
  Error.prepareStackTrace = (_error, callSites) => {
    frames = callSites;
    return "";
  };
  Error.stackTraceLimit = Number.POSITIVE_INFINITY;
  try {
    void new Error().stack;
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
  return userFrames(frames);
}

/** Builds a route of a table, recording the table's declaration site as the route's. */
export function declaredAt<R>(site: DeclarationSite, build: () => R): R {
  const outer = buildingFrom;
  buildingFrom = site;
  try {
    return build();
  } finally {
    buildingFrom = outer;
  }
}
