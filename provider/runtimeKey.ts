/** Shared by the runtime (which registers itself) and the loader in the serialized providers. */
export const RUNTIME_GLOBAL_KEY = "alicloud-vpn-routes/runtime@1";
/** The package subpath of the compiled runtime (package.json "exports"). */
export const RUNTIME_MODULE = "alicloud-vpn-routes/runtime";
