#!/usr/bin/env bash
# Runs a command with the project's Node.js (scripts/ensure-node.sh) first on PATH, so the command and everything
# it starts (jest's workers, the pulumi CLI's language host, the provider plugins, npm) run on that version.
#
#   scripts/with-node.sh jest ...
set -euo pipefail
dir=$(bash "$(dirname "$0")/ensure-node.sh" | tail -n 1)
PATH="$dir:$PATH" exec "$@"
