#!/usr/bin/env bash
# Makes Python programs runnable the way a normal Pulumi installation runs them: `pulumi-language-python` (and its
# `pulumi-language-python-exec` shim, which must sit beside it) next to the Pulumi CLI that scripts/ensure-pulumi.sh
# provides, copied from ../shared/bin (the Go module proxy refuses its module; see ../shared/bin/README.md), and a
# virtual environment with Python's `pulumi` from PyPI at the host's version, in a cache outside the clone. Prints
# the virtual environment's directory on its last line of stdout; everything else goes to stderr.
#
#   scripts/ensure-python.sh            locate, or make on a cache miss (a pip install: about a minute)
#   scripts/ensure-python.sh --locate   locate only, never make; exit 1 when there is nothing to use
#
# Environment: PYTHON (default python3), PULUMI_PYTHON_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/python).
set -euo pipefail

locate_only=false
for arg in "$@"; do
  case "$arg" in
    --locate) locate_only=true ;;
    *) echo "ensure-python: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "ensure-python: $*" >&2; }
HOST=pulumi-language-python
python=${PYTHON:-python3}
# shellcheck source=scripts/shared-language-host.sh
. "$here/scripts/shared-language-host.sh"
pick_shared_host "$HOST"
if command -v "$HOST" >/dev/null 2>&1; then
  host_version=${PULUMI_PYTHON_SDK_VERSION:-$host_version}
elif [ -z "$host_dir" ]; then
  # Not an error of the set-up: the CLI is older than every host built here (the oldest corner runs no Python).
  log "no $HOST on PATH and none in $shared_bin fits the CLI $cli_version: Python programs cannot run"
  $locate_only && exit 1
  exit 0
elif [ -w "$cli_dir" ]; then
  install_shared_host "$HOST" "$HOST-exec"
fi
[ -n "$host_version" ] || { log "cannot tell the version of $HOST; set PULUMI_PYTHON_SDK_VERSION"; exit 1; }

# Python's `pulumi` at the host's version: what a program of that host's era uses.
sdk_version=${host_version#v}
cache_root=${PULUMI_PYTHON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/alicloud-vpn-routes/python}
venv="$cache_root/pulumi-$sdk_version/venv"
if [ -x "$venv/bin/python" ] && [ -f "$venv/.complete" ]; then
  echo "$venv"
  exit 0
fi
if $locate_only; then
  log "no virtual environment in $venv; run scripts/ensure-python.sh to make it"
  exit 1
fi
mkdir -p "$cache_root/pulumi-$sdk_version"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/pulumi-$sdk_version/.lock"
  flock 9
fi
if [ ! -f "$venv/.complete" ]; then
  rm -rf "$venv"
  log "making $venv with $($python --version) and pulumi==$sdk_version from PyPI"
  "$python" -m venv "$venv" >&2
  # parver: what the SDKs `pulumi package add` generates require besides pulumi; setuptools and wheel: what building
  # them needs. Installed here once, so the tests install the SDK offline (PIP_NO_INDEX, no build isolation).
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pulumi==$sdk_version" parver setuptools wheel >&2
  touch "$venv/.complete"
fi
echo "$venv"
