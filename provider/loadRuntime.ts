import type { ProviderRuntime } from "./runtime";
import { RUNTIME_GLOBAL_KEY, RUNTIME_MODULE } from "./runtimeKey";

/**
 * The provider runtime of this process. The exported provider objects call this at call time instead of
 * importing the runtime, so that the closure serializer captures only this function and two strings (a
 * local import would be copied into `__provider`, by value, with everything it reaches).
 */
export function loadRuntime(): ProviderRuntime {
  const registered = (globalThis as { [key: symbol]: ProviderRuntime | undefined })[
    Symbol.for(RUNTIME_GLOBAL_KEY)
  ];
  if (registered) return registered;
  try {
    return require(RUNTIME_MODULE).runtime;
  } catch (err) {
    if ((err as { code?: string }).code !== "MODULE_NOT_FOUND") throw err;
    // Inside the provider host this code is a string loaded by require-from-string: its `require` searches
    // node_modules from the plugin's working directory but cannot see the package's own name (Node's
    // self-reference needs a parent file). A require anchored in that directory does both.
    const { createRequire } = require("node:module");
    const { join } = require("node:path");
    return createRequire(join(process.cwd(), "index.js"))(RUNTIME_MODULE).runtime;
  }
}
