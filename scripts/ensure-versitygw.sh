#!/usr/bin/env bash
# Makes versitygw (https://github.com/versity/versitygw, Apache-2.0), an S3-compatible server, available to the
# engine tests that keep Pulumi state in an S3 bucket (tests/support/s3Server.ts, tests/e2e/s3-backend.e2e.test.ts).
# Builds it with Go from the Go module proxy, pinned to VERSITYGW_VERSION, into a cache outside the clone so later
# clones and CI runs reuse it. Prints the directory that holds `versitygw` on its last line of stdout; everything
# else goes to stderr.
#
#   scripts/ensure-versitygw.sh            locate, or build on a cache miss (a first build downloads and compiles
#                                          its modules; 6 s here when Go's caches were warm)
#   scripts/ensure-versitygw.sh --locate   locate only, never build; exit 1 when there is nothing to use
#
# Environment: VERSITYGW_BUILD_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/versitygw).
# A `versitygw` on PATH is not used: the tests pin the version they were written against.
set -euo pipefail

VERSITYGW_VERSION=v1.8.0
MODULE=github.com/versity/versitygw

locate_only=false
for arg in "$@"; do
  case "$arg" in
    --locate) locate_only=true ;;
    *) echo "ensure-versitygw: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

log() { echo "ensure-versitygw: $*" >&2; }

cache_root=${VERSITYGW_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/versitygw}
out="$cache_root/$VERSITYGW_VERSION/bin"

if $locate_only; then
  if [ -x "$out/versitygw" ]; then
    echo "$out"
    exit 0
  fi
  log "no versitygw built in $out; run scripts/ensure-versitygw.sh to build it"
  exit 1
fi

# shellcheck source=scripts/go-install-cached.sh
. "$(dirname "$0")/go-install-cached.sh"
go_install_cached versitygw "$MODULE/cmd/versitygw" "$VERSITYGW_VERSION" "$out"
echo "$out"
