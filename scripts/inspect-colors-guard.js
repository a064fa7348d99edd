// @ts-check
/*
 * Preloaded (`node -r`) into program processes: by client-host.js, and through NODE_OPTIONS by the engine tests,
 * the demo and the bench, whose programs the real language host starts with the engine's environment.
 *
 * Why: the SDK's runner reports an uncaught program error with `util.inspect(err, { colors: true })`
 * (@pulumi/pulumi/cmd/run/error.js). On Node.js versions without the fix for nodejs/node#64011 (20.20.2 here),
 * coloring a stack frame such as `node_modules/@pulumi/resource.ts:1598:22` (source-mapped SDK frames: a scope
 * with no path separator after the package) loops in markNodeModules: about a minute and gigabytes of memory
 * per failing run. Error values are inspected without colors instead; the message and stack are unchanged.
 */
"use strict";
const util = require("util");

const original = util.inspect;
/** @type {any} */
const guarded = function inspect(/** @type {unknown} */ value, /** @type {any[]} */ ...rest) {
  const [options] = rest;
  if (value instanceof Error && options && typeof options === "object" && options.colors) {
    return original.call(this, value, { ...options, colors: false });
  }
  return original.call(this, value, ...rest);
};
// Keep inspect.custom, inspect.defaultOptions (an accessor), inspect.colors and inspect.styles working.
Object.defineProperties(guarded, Object.getOwnPropertyDescriptors(original));
util.inspect = guarded;
