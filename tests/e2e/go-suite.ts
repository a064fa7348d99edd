/**
 * Engine tests of Go programs: the Pulumi CLI, `pulumi-language-go` next to it (scripts/ensure-go.sh copies it
 * from ../shared/bin) and `go` on PATH; without them, `describeWithTooling`'s rules apply.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { describeWithTooling } from "./engine-suite";
import { REPO_ROOT } from "./pulumi-cli";

/**
 * A Go project's environment in tests: the modules come from Go's module cache only (scripts/ensure-go.sh filled
 * it), never the network, and the `go` on PATH builds, whatever go.mod's toolchain line says.
 */
export const OFFLINE_GO_ENV = { GOPROXY: "off", GOTOOLCHAIN: "local" };

export function describeWithGo(name: string, body: () => void): void {
  describeWithTooling(
    name,
    "scripts/ensure-go.sh",
    () => {
      const located = spawnSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-go.sh"), "--locate"], {
        encoding: "utf8",
      });
      return located.status === 0 ? undefined : located.stderr.trim();
    },
    body,
  );
}
