# Sourced by scripts/ensure-pulumi-yaml.sh and scripts/ensure-versitygw.sh: a Go program built once from the Go
# module proxy into a cache outside the clone. Needs log().
#
#   go_install_cached BINARY PACKAGE VERSION DIR   DIR/BINARY from `go install PACKAGE@VERSION`, unless it is there
#
# Parallel test runs and CI jobs share the cache: one builds under a lock, the others wait and take the cache hit.
# `go install` goes to a scratch directory, then a rename: a build killed half-way leaves no binary that looks done.
go_install_cached() {
  local binary=$1 package=$2 version=$3 dir=$4
  [ -x "$dir/$binary" ] && return 0
  mkdir -p "$dir"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$dir/.lock"
    flock 9
  fi
  if [ ! -x "$dir/$binary" ]; then
    command -v go >/dev/null 2>&1 || { log "go is not on PATH, and $binary is not built in $dir"; return 1; }
    log "building $binary $version with $(go version) (first run only)"
    rm -rf "$dir/.build"
    # The published module as it is: `go install module@version` builds it with its own go.mod.
    GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$dir/.build" go install -trimpath -ldflags "-s -w" "$package@$version" >&2
    mv "$dir/.build/$binary" "$dir/$binary"
    rm -rf "$dir/.build"
    log "$binary $version in $dir"
  fi
  if command -v flock >/dev/null 2>&1; then exec 9>&-; fi
}
