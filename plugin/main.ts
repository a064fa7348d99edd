/**
 * `pulumi-resource-alicloud-vpn`: the provider plugin's entry point (the script of that name at the package's root
 * runs it with Node.js). The engine passes its address as the first argument; the SDK's log reads it from
 * PULUMI_NODEJS_ENGINE, so it is set before the SDK is loaded and the notices reach the engine's log.
 */
const engineAddress = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
if (engineAddress && !process.env.PULUMI_NODEJS_ENGINE) process.env.PULUMI_NODEJS_ENGINE = engineAddress;

// Loaded after the environment is set: the SDK reads it once, when first loaded.
const { serve } = require("./serve") as typeof import("./serve");
void serve(process.argv.slice(2));
