#!/usr/bin/env bash
# The oldest corner of the support matrix: the unit suites and a few engine suites on the `node` on PATH (CI's
# machine has Node.js 20, the oldest the package supports), @pulumi/pulumi at the floor of package.json's range
# (3.248.0) and the Pulumi CLI of that version (built like the newest one, by scripts/ensure-pulumi.sh, cached).
# The project's own runs (`npm test`, the demo, the bench) use the newest corner; see the README's support matrix.
#
# It works in a copy of the working tree (under $TMPDIR), where `npm install` moves @pulumi/pulumi down to the
# floor (package.json keeps its range; the copy's package-lock.json pins the floor), so the packed package the
# suites install elsewhere resolves the same SDK.
#
#   scripts/oldest-corner.sh            the suites below
#   scripts/oldest-corner.sh <paths>    other jest paths, in the same corner
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "oldest-corner: $*" >&2; }

# Pure code, the emulator, the provider through the real dynamic provider host, the component under mocks; then
# the engine suites that lean on what an SDK may move: the Cancel hook (cancel-during-wait), the recorded source
# positions and the serialized provider of a packed install (route-lifecycle, npm-pack), the language host; the
# provider plugin (its hooks wrap @pulumi/pulumi/provider's server, and the CLI 3.248 leaves out what 3.276 sends):
# its schema and protocol, and the YAML suites (about a minute).
SUITES=(
  tests/api tests/provider tests/components tests/emulator tests/plugin
  tests/e2e/language-host tests/e2e/route-lifecycle tests/e2e/failover tests/e2e/cancel-during-wait
  tests/e2e/npm-pack tests/e2e/yaml-landing-zone tests/e2e/yaml-plugin-engine
)
[ $# -gt 0 ] && SUITES=("$@")

floor=$(node -p 'require(process.argv[1]).dependencies["@pulumi/pulumi"].replace(/^[\^~>=v ]+/, "")' \
  "$here/package.json")
engines=$(node -p 'require(process.argv[1]).engines.node' "$here/package.json")
log "Node.js $(node -v) (package.json engines: $engines), @pulumi/pulumi $floor"

# Outside the clone: jest ignores every path under a .work directory (jest.config.js), and the clone's own lint and
# build should not see a second tree. Beside the copy, `shared` points where the clone's ../shared is, so the copy
# finds the language hosts of ../shared/bin as the clone does (scripts/ensure-pulumi.sh, tests/e2e/pulumi-cli.ts).
corner="${TMPDIR:-/tmp}/alicloud-vpn-routes-oldest-corner"
copy="$corner/project"
rm -rf "$corner"
mkdir -p "$copy"
[ -d "$here/../shared" ] && ln -s "$(cd "$here/../shared" && pwd)" "$corner/shared"
# The working tree as git sees it (tracked and new files, not what .gitignore names): what a clean clone holds.
(cd "$here" && git ls-files -z --cached --others --exclude-standard | tar cf - --null --ignore-failed-read -T -) |
  tar xf - -C "$copy"

cd "$copy"
npm ci --no-audit --no-fund --loglevel=error
npm install --no-audit --no-fund --loglevel=error "@pulumi/pulumi@$floor"
installed=$(node -p 'require("@pulumi/pulumi/package.json").version')
[ "$installed" = "$floor" ] || { log "installed @pulumi/pulumi $installed, expected $floor"; exit 1; }

# `npm test` builds, makes sure the CLI of the installed SDK exists (a first run builds it: several minutes), and
# runs jest on the node on PATH.
NODE_VERSION=current npm test -- "${SUITES[@]}"
