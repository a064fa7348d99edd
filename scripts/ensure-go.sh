#!/usr/bin/env bash
# Makes Go programs runnable the way a normal Pulumi installation runs them: `pulumi-language-go` next to the Pulumi
# CLI that scripts/ensure-pulumi.sh provides, copied from ../shared/bin (the Go module proxy refuses its module; see
# ../shared/bin/README.md). Then, unless --locate, it does once with the network what a Go landing zone's tests do
# offline (GOPROXY=off): `pulumi package add` of this package's plugin into a copy of examples/landing-zone-go and
# `go build`, which fills Go's module and build caches. Needs the package built (npm run build): the plugin makes
# the SDK. Prints the directory of the CLI and the host on its last line of stdout; everything else goes to stderr.
#
#   scripts/ensure-go.sh            locate, copy and warm the caches (cold: about a minute; warm: seconds)
#   scripts/ensure-go.sh --locate   locate only; exit 1 when Go programs cannot run
set -euo pipefail

locate_only=false
for arg in "$@"; do
  case "$arg" in
    --locate) locate_only=true ;;
    *) echo "ensure-go: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "ensure-go: $*" >&2; }
HOST=pulumi-language-go
command -v go >/dev/null 2>&1 || { log "go is not on PATH: the Go language host builds programs with it"; exit 1; }
# shellcheck source=scripts/shared-language-host.sh
. "$here/scripts/shared-language-host.sh"
pick_shared_host "$HOST"
if command -v "$HOST" >/dev/null 2>&1; then
  host_at=$(dirname "$(command -v "$HOST")")
elif [ -z "$host_dir" ]; then
  # Not an error of the set-up: the CLI is older than every host built here (the oldest corner runs no Go).
  log "no $HOST on PATH and none in $shared_bin fits the CLI $cli_version: Go programs cannot run"
  $locate_only && exit 1
  exit 0
else
  $locate_only || install_shared_host "$HOST"
  [ -x "$cli_dir/$HOST" ] || { log "no $HOST next to $cli_dir/pulumi; run scripts/ensure-go.sh"; exit 1; }
  host_at=$cli_dir
fi

if ! $locate_only; then
  [ -f "$here/dist/plugin/main.js" ] || { log "the plugin is not built: run npm run build first"; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cp -r "$here/examples/landing-zone-go" "$work/project"
  sed -i "s#^\(  alicloud-vpn: \).*#\1$here#" "$work/project/Pulumi.yaml"
  (
    cd "$work/project"
    export PATH="$host_at:$cli_dir:$(dirname "$(bash "$here/scripts/with-node.sh" sh -c 'command -v node')"):$PATH"
    export PULUMI_HOME="$work/pulumi-home" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_CONFIG_PASSPHRASE=""
    pulumi package add "$here/pulumi-resource-alicloud-vpn" >&2
    go build -o "$work/program" . >&2
    # What the Go language host asks before it builds: every module of the graph, which `go build` need not load.
    go list -m -json all >/dev/null
  )
  log "Go module and build caches hold what examples/landing-zone-go needs"
fi
echo "$host_at"
