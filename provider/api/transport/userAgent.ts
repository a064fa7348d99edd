import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "alicloud-vpn-routes";

/**
 * `alicloud-vpn-routes/<version> Node.js/<v> (<platform>; <arch>)`. The version is read from the package's
 * own package.json, found by walking up from this file (it sits at a different depth in sources and in dist/).
 */
export function userAgent(): string {
  return `${PACKAGE_NAME}/${packageVersion()} Node.js/${process.version} (${process.platform}; ${process.arch})`;
}

let cachedVersion: string | undefined;

export function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return (cachedVersion = pkg.version);
    }
    if (dirname(dir) === dir) return (cachedVersion = "unknown");
  }
}
