# Sourced by scripts/ensure-python.sh and scripts/ensure-go.sh: the language hosts the Go module proxy refuses come
# from ../shared/bin (see its README). Needs $here (the clone) and log(); sets cli_dir and cli_version.
#
#   pick_shared_host HOST       sets host_dir and host_version: the newest build of HOST in ../shared/bin that is
#                               not newer than the CLI (the CLI and its hosts speak a stable protocol); empty if none
#   install_shared_host FILE... copies each FILE of host_dir next to the CLI, unless it is there with the same bytes

shared_bin="$(cd "$here/.." && pwd)/shared/bin"
cli_dir=$(bash "$here/scripts/ensure-pulumi.sh" --locate | tail -n 1)
cli_version=$("$cli_dir/pulumi" version)

pick_shared_host() {
  local candidate version
  host_dir=""
  host_version=""
  for candidate in "$shared_bin"/v*/"$1"; do
    [ -x "$candidate" ] || continue
    version=$(basename "$(dirname "$candidate")")
    [ "$(printf '%s\n%s\n' "${version#v}" "${cli_version#v}" | sort -V | head -n 1)" = "${version#v}" ] || continue
    if [ -z "$host_version" ] || [ "$(printf '%s\n%s\n' "$host_version" "$version" | sort -V | tail -n 1)" = "$version" ]; then
      host_dir=$(dirname "$candidate")
      host_version=$version
    fi
  done
}

install_shared_host() {
  local file
  for file in "$@"; do
    if ! cmp -s "$host_dir/$file" "$cli_dir/$file"; then
      cp "$host_dir/$file" "$cli_dir/$file.tmp"
      chmod 755 "$cli_dir/$file.tmp"
      mv "$cli_dir/$file.tmp" "$cli_dir/$file"
      log "$file $host_version copied next to $cli_dir/pulumi"
    fi
  done
}
