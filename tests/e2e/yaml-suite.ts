/**
 * Engine tests of YAML programs: the Pulumi CLI and `pulumi-language-yaml` (scripts/ensure-pulumi-yaml.sh puts it
 * next to the CLI); without either, `describeWithTooling`'s rules apply.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeWithTooling } from "./engine-suite";
import { findOnPath, isExecutable, locatePulumiCli, REPO_ROOT } from "./pulumi-cli";

export const YAML_LANGUAGE_HOST = "pulumi-language-yaml";

/** The YAML host next to the CLI, else on PATH. */
export function findYamlHost(): string | undefined {
  const binDir = locatePulumiCli().cli?.binDir;
  const besideCli = binDir && path.join(binDir, YAML_LANGUAGE_HOST);
  if (besideCli && isExecutable(besideCli)) return besideCli;
  return findOnPath(YAML_LANGUAGE_HOST, process.env.PATH ?? "");
}

export function describeWithYamlHost(name: string, body: () => void): void {
  describeWithTooling(
    name,
    "scripts/ensure-pulumi-yaml.sh",
    () => (findYamlHost() ? undefined : `no ${YAML_LANGUAGE_HOST} next to the Pulumi CLI nor on PATH`),
    body,
  );
}

/**
 * A directory for projects of other languages, outside this repository: nothing above it has a node_modules, so
 * a program that worked would not be leaning on the repository's.
 */
export function outsideRepositoryWorkRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-vpn-yaml-"));
  if (root.startsWith(REPO_ROOT)) throw new Error(`${root} is inside the repository ${REPO_ROOT}`);
  return root;
}
