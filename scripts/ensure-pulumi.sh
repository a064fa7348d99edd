#!/usr/bin/env bash
# Makes the Pulumi CLI (`pulumi`, and `pulumi-language-nodejs` where it can be had) available.
# Uses the `pulumi` on PATH when present; otherwise builds it with Go from the Go module proxy, pinned to the
# installed @pulumi/pulumi version, into a cache outside the clone so later clones and CI runs reuse it.
# Prints the directory that holds the binaries on its last line of stdout; everything else goes to stderr.
#
#   scripts/ensure-pulumi.sh            locate, or build on a cache miss (first build: ~8 minutes on 2 cores)
#   scripts/ensure-pulumi.sh --locate   locate only, never build; exit 1 when there is nothing to use
#   scripts/ensure-pulumi.sh --retry-language-host   forget an earlier failure to fetch the language host
#
# Environment: PULUMI_BUILD_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/pulumi).
#
# Next to a built CLI it also puts what a normal Pulumi installation ships there, so programs and apps run the way
# they do on a user's machine:
# - `pulumi-language-nodejs`, the Node.js language host. A host already on PATH wins. Otherwise a build of it in
#   ../shared/bin (the Go module proxy on our machines answers 403 for its module; see ../shared/bin/README.md) is
#   copied: the one of the CLI's version, else the newest one older than the CLI (the CLI and its hosts speak a
#   stable gRPC protocol; a host newer than the CLI is never used). Failing both, a Go build is tried once. Without any host, programs run through scripts/client-host.js (the
#   CLI's `--client` flag), and the CI guard (tests/e2e/language-host.e2e.test.ts) fails a CI run that does so.
# - `pulumi-resource-pulumi-nodejs`, the dynamic provider plugin (a script at the root of @pulumi/pulumi), so a
#   new app finds it without PATH changes, asks no network for it and prints no "from $PATH" warning.
set -euo pipefail

locate_only=false
retry_language_host=false
for arg in "$@"; do
  case "$arg" in
    --locate) locate_only=true ;;
    --retry-language-host) retry_language_host=true ;;
    *) echo "ensure-pulumi: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "ensure-pulumi: $*" >&2; }

version=$(node -p 'require(process.argv[1]).version' "$here/node_modules/@pulumi/pulumi/package.json" 2>/dev/null || true)
if [ -z "$version" ]; then
  log "@pulumi/pulumi is not installed; run 'npm ci' first"
  exit 1
fi
V="v$version"
sdk_dir="$here/node_modules/@pulumi/pulumi"
shared_bin="$(cd "$here/.." && pwd)/shared/bin"

if command -v pulumi >/dev/null 2>&1; then
  found=$(command -v pulumi)
  # `pulumi version` prints nothing when a build forgot the version ldflag, and the Automation API then refuses it.
  found_version=$(pulumi version 2>/dev/null || true)
  if [ "$found_version" != "$V" ]; then
    log "using $found ($found_version), which is not $V, the version of the installed @pulumi/pulumi"
  fi
  command -v pulumi-language-nodejs >/dev/null 2>&1 || [ -x "$(dirname "$found")/pulumi-language-nodejs" ] ||
    log "no pulumi-language-nodejs next to $found or on PATH: programs run through scripts/client-host.js" \
      "(a normal Pulumi installation ships it; the project's builds of it are in $shared_bin)"
  dirname "$found"
  exit 0
fi

cache_root=${PULUMI_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/pulumi}
out="$cache_root/$V/bin"
langhost_failure="$out/.pulumi-language-nodejs.unavailable"

cache_hit() {
  [ -x "$out/pulumi" ] && [ -x "$out/pulumi-resource-pulumi-nodejs" ] &&
    { [ -x "$out/pulumi-language-nodejs" ] || [ -f "$langhost_failure" ]; }
}

# The build of pulumi-language-nodejs in ../shared/bin for CLI version $1: the one of that version, else the newest
# older one of the same major version. Prints "<version> <path>"; nothing when there is none.
shared_language_host_for() {
  local cli=${1#v} best="" host version
  for host in "$shared_bin"/pulumi-language-nodejs "$shared_bin"/v*/pulumi-language-nodejs; do
    [ -x "$host" ] || continue
    version=$("$host" -version 2>/dev/null || true)
    version=${version#v}
    [ -n "$version" ] && [ "${version%%.*}" = "${cli%%.*}" ] || continue
    # Not newer than the CLI (sort -V puts the smaller first), and newer than the best so far.
    [ "$(printf '%s\n%s\n' "$version" "$cli" | sort -V | head -n 1)" = "$version" ] || continue
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "${best%% *}" "$version" | sort -V | tail -n 1)" = "$version" ]; then
      best="$version $host"
    fi
  done
  [ -n "$best" ] && echo "v$best"
}

# The language host for $out, unless one is on PATH (which the engine prefers anyway). Returns 1 when
# ../shared/bin has no build that fits the CLI, so a Go build can be tried.
install_shared_language_host() {
  if command -v pulumi-language-nodejs >/dev/null 2>&1; then
    log "using $(command -v pulumi-language-nodejs) from PATH ($(pulumi-language-nodejs -version 2>/dev/null || echo 'version unknown'))"
    return 0
  fi
  local chosen host_version host
  chosen=$(shared_language_host_for "$V")
  if [ -z "$chosen" ]; then
    log "no pulumi-language-nodejs in $shared_bin fits the CLI $V (one of its version, or an older one of its major)"
    return 1
  fi
  host_version=${chosen%% *}
  host=${chosen#* }
  if [ "$("$out/pulumi-language-nodejs" -version 2>/dev/null || true)" != "$host_version" ]; then
    cp "$host" "$out/pulumi-language-nodejs.tmp"
    chmod 755 "$out/pulumi-language-nodejs.tmp"
    mv "$out/pulumi-language-nodejs.tmp" "$out/pulumi-language-nodejs"
    rm -f "$langhost_failure"
    log "pulumi-language-nodejs $host_version copied next to the CLI $V from $host"
  fi
}

# What a normal installation has next to `pulumi`: the dynamic provider plugin, the same script @pulumi/pulumi ships.
install_dynamic_provider_plugin() {
  if ! cmp -s "$sdk_dir/pulumi-resource-pulumi-nodejs" "$out/pulumi-resource-pulumi-nodejs"; then
    cp "$sdk_dir/pulumi-resource-pulumi-nodejs" "$out/pulumi-resource-pulumi-nodejs.tmp"
    chmod 755 "$out/pulumi-resource-pulumi-nodejs.tmp"
    mv "$out/pulumi-resource-pulumi-nodejs.tmp" "$out/pulumi-resource-pulumi-nodejs"
  fi
}

if $locate_only; then
  if [ -x "$out/pulumi" ]; then
    echo "$out"
    exit 0
  fi
  log "no pulumi on PATH and none built in $out; run scripts/ensure-pulumi.sh to build it"
  exit 1
fi

mkdir -p "$out"
# Parallel test runs and CI jobs share the cache: one builds, the others wait and then take the cache hit.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/$V/.lock"
  flock 9
fi

$retry_language_host && rm -f "$langhost_failure"
if [ -x "$out/pulumi" ]; then
  install_dynamic_provider_plugin
  install_shared_language_host || true
fi
if cache_hit; then
  echo "$out"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "neither pulumi nor go is on PATH"; exit 1; }

export GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN=local
# The checksum database reachable here has no entry for pkg/v3@v3.248.0 (lookup answers 404) and cannot have one
# for the untagged language host; everything else, github.com/pulumi/pulumi/sdk/v3 included, is still verified.
export GONOSUMDB=${GONOSUMDB:-github.com/pulumi/pulumi/pkg,github.com/pulumi/pulumi/sdk/nodejs}
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$V"

# One throwaway module per binary: `go install pkg@version` refuses pulumi's modules (their go.mod files have
# replace lines), and separate modules keep one binary's `go get` from moving the other's dependencies.
new_build_module() {
  mkdir -p "$cache_root/$V/build/$1"
  cd "$cache_root/$V/build/$1"
  [ -f go.mod ] || go mod init "local/build/$1" >&2
}

if [ ! -x "$out/pulumi" ]; then
  log "building pulumi $V with $(go version) (first run only; takes several minutes)"
  new_build_module pulumi
  go get "github.com/pulumi/pulumi/pkg/v3@$V" "github.com/pulumi/pulumi/sdk/v3@$V" >&2
  go build -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$out/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  mv "$out/pulumi.tmp" "$out/pulumi"
fi

install_dynamic_provider_plugin
if [ ! -x "$out/pulumi-language-nodejs" ] && ! install_shared_language_host && [ ! -f "$langhost_failure" ]; then
  new_build_module language-nodejs
  langhost=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
  # The language host's module has no version tags of its own: use the commit the pkg/$V tag points at.
  commit=$(go list -m -json "github.com/pulumi/pulumi/pkg/v3@$V" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log((JSON.parse(s).Origin||{}).Hash||""))')
  if [ -z "$commit" ]; then
    reason="the module proxy reported no commit (Origin.Hash) for github.com/pulumi/pulumi/pkg/v3@$V"
  elif fetch_log=$(go get "$langhost@$commit" "github.com/pulumi/pulumi/pkg/v3@$V" "github.com/pulumi/pulumi/sdk/v3@$V" 2>&1) &&
    go build -ldflags "$ldflags" -o "$out/pulumi-language-nodejs.tmp" "$langhost" >&2; then
    mv "$out/pulumi-language-nodejs.tmp" "$out/pulumi-language-nodejs"
    reason=""
  else
    reason="cannot fetch or build $langhost@$commit: ${fetch_log:-see the go build output above}"
  fi
  if [ -n "$reason" ]; then
    printf '%s\n' "$reason" >"$langhost_failure"
    log "$reason"
    log "continuing without pulumi-language-nodejs (recorded in $langhost_failure; --retry-language-host retries)"
  fi
fi

built_version=$("$out/pulumi" version)
if [ "$built_version" != "$V" ]; then
  log "built pulumi reports version '$built_version', expected $V"
  exit 1
fi
log "pulumi $built_version in $out"
echo "$out"
