#!/usr/bin/env bash
# Makes `pulumi-language-yaml`, the language host of `runtime: yaml` projects, available next to the Pulumi CLI that
# scripts/ensure-pulumi.sh provides, as a normal Pulumi installation ships it (the engine finds a host next to
# `pulumi` or on PATH). Uses one on PATH when present; otherwise builds it with Go from the Go module proxy
# (github.com/pulumi/pulumi-yaml, which the proxy serves, unlike the Node.js, Python and Go hosts) into a cache
# outside the clone, then copies it next to the CLI. Prints the directory that holds it on its last line of stdout.
#
#   scripts/ensure-pulumi-yaml.sh            locate, or build on a cache miss (about a minute on 2 cores)
#   scripts/ensure-pulumi-yaml.sh --locate   locate only, never build; exit 1 when there is nothing to use
#
# Environment: PULUMI_YAML_VERSION (default v1.25.0, the newest the proxy served when this was written),
# PULUMI_YAML_BUILD_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/pulumi-yaml).
set -euo pipefail

locate_only=false
for arg in "$@"; do
  case "$arg" in
    --locate) locate_only=true ;;
    *) echo "ensure-pulumi-yaml: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "ensure-pulumi-yaml: $*" >&2; }
V=${PULUMI_YAML_VERSION:-v1.25.0}
HOST=pulumi-language-yaml

if command -v "$HOST" >/dev/null 2>&1; then
  dirname "$(command -v "$HOST")"
  exit 0
fi

cli_dir=$(bash "$here/scripts/ensure-pulumi.sh" --locate | tail -n 1)
cache_root=${PULUMI_YAML_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/pulumi-yaml}
out="$cache_root/$V/bin"

# Next to the CLI, unless it is there already (same bytes) or the CLI's directory is not ours to write.
install_next_to_cli() {
  if cmp -s "$out/$HOST" "$cli_dir/$HOST"; then
    echo "$cli_dir"
  elif [ -w "$cli_dir" ]; then
    cp "$out/$HOST" "$cli_dir/$HOST.tmp"
    mv "$cli_dir/$HOST.tmp" "$cli_dir/$HOST"
    log "$HOST $V copied next to $cli_dir/pulumi"
    echo "$cli_dir"
  else
    log "$cli_dir is not writable: put $out on PATH"
    echo "$out"
  fi
}

if [ -x "$out/$HOST" ]; then
  install_next_to_cli
  exit 0
fi
if $locate_only; then
  log "no $HOST on PATH and none built in $out; run scripts/ensure-pulumi-yaml.sh to build it"
  exit 1
fi

# shellcheck source=scripts/go-install-cached.sh
. "$here/scripts/go-install-cached.sh"
go_install_cached "$HOST" "github.com/pulumi/pulumi-yaml/cmd/$HOST" "$V" "$out"
install_next_to_cli
