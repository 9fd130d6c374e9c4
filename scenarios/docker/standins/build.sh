#!/usr/bin/env bash
# Builds a stand-in for a .NET Core 3.0 base image and tags it, with no registry:
#
#   build.sh sdk    IMAGE_NAME   # stands in for mcr.microsoft.com/dotnet/core/sdk:3.0
#   build.sh aspnet IMAGE_NAME   # stands in for mcr.microsoft.com/dotnet/core/aspnet:3.0
#
# Every KEY=VALUE word of $DOCCHECK_LABELS becomes a label of the image, beside
# org.doccheck.standin=sdk|aspnet. cargo's and docker's output goes to stderr; on success
# the image name is the only line on stdout. See README.md.
set -euo pipefail

fail() {
    echo "build.sh: $*" >&2
    exit 1
}

[ $# -eq 2 ] || fail "usage: build.sh sdk|aspnet IMAGE_NAME"
kind=$1
image=$2
case "$kind" in
    sdk | aspnet) ;;
    *) fail "unknown stand-in '$kind' (expected sdk or aspnet)" ;;
esac
[ -n "$image" ] || fail "IMAGE_NAME is empty"

labels=(--label "org.doccheck.standin=$kind")
for word in ${DOCCHECK_LABELS:-}; do
    [[ $word == ?*=* ]] || fail "DOCCHECK_LABELS: '$word' is not KEY=VALUE"
    labels+=(--label "$word")
done

command -v cargo >/dev/null || fail "cargo is not installed"
command -v docker >/dev/null || fail "docker is not installed"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
target=x86_64-unknown-linux-gnu
# Static binaries for a FROM-scratch image. The explicit --target keeps crt-static away
# from build scripts and proc macros, which must stay dynamic.
(cd "$here" && RUSTFLAGS='-C target-feature=+crt-static' \
    cargo build --release --locked --target "$target" --bin dotnet --bin sh) >&2 ||
    fail "cargo build of the stand-in binaries failed"
bin="${CARGO_TARGET_DIR:-$here/target}/$target/release"

# The build context holds only the image's files, so sending it is instant.
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
root="$ctx/rootfs"
dotnet_root="$root/usr/share/dotnet"
mkdir -p "$root/usr/bin" "$root/tmp" "$root/root" "$dotnet_root"
chmod 1777 "$root/tmp"
install -m 0755 "$bin/dotnet" "$dotnet_root/dotnet"
ln -s ../share/dotnet/dotnet "$root/usr/bin/dotnet"
# What the muxer looks for, as in a real install: shared frameworks and (sdk) an SDK.
for fw in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$dotnet_root/shared/$fw/3.0.0"
    echo "doccheck stand-in: $fw 3.0.0" >"$dotnet_root/shared/$fw/3.0.0/.version"
done
env_line='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin ASPNETCORE_URLS=http://+:80 DOTNET_RUNNING_IN_CONTAINER=true'
if [ "$kind" = sdk ]; then
    mkdir -p "$root/bin" "$dotnet_root/sdk/3.0.100"
    echo "doccheck stand-in: .NET Core SDK 3.0.100" >"$dotnet_root/sdk/3.0.100/.version"
    install -m 0755 "$bin/sh" "$root/bin/sh"
    env_line="$env_line DOTNET_USE_POLLING_FILE_WATCHER=true NUGET_XMLDOC_MODE=skip"
fi
cat >"$ctx/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
$env_line
EOF

docker build --tag "$image" "${labels[@]}" "$ctx" >&2 || fail "docker build of the $kind stand-in failed"
echo "$image"
