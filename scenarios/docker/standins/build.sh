#!/usr/bin/env bash
# Builds a stand-in for a .NET base image and tags it, with no registry:
#
#   build.sh sdk    mcr.microsoft.com/dotnet/sdk:8.0      # or dotnet/core/sdk:8.0
#   build.sh aspnet mcr.microsoft.com/dotnet/aspnet:3.0   # or dotnet/core/aspnet:3.0
#
# The version is the tag: 3.0, 3.1, 5.0, 6.0, 7.0 or 8.0. Any other name fails at once, before
# cargo runs, with one line on stderr. Every KEY=VALUE word of $DOCCHECK_LABELS becomes a label
# of the image, beside org.doccheck.standin=sdk|aspnet and org.doccheck.standin.implements.
# cargo's and docker's output goes to stderr; on success the image name is the only line on
# stdout. See README.md.
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

# Which image (and so which version) this stands in for: the name's sdk/aspnet and its tag.
case "$image" in
    mcr.microsoft.com/dotnet/sdk:* | mcr.microsoft.com/dotnet/core/sdk:*) named=sdk ;;
    mcr.microsoft.com/dotnet/aspnet:* | mcr.microsoft.com/dotnet/core/aspnet:*) named=aspnet ;;
    *) named= ;;
esac
tag=${image##*:}
case "$tag" in
    3.0 | 3.1 | 5.0 | 6.0 | 7.0 | 8.0) ;;
    *) named= ;;
esac
[ -n "$named" ] ||
    fail "no stand-in for $image: the stand-ins implement sdk and aspnet 3.0, 3.1, 5.0, 6.0, 7.0 and 8.0"
[ "$named" = "$kind" ] || fail "$image is the $named image, not the $kind stand-in asked for"
major=${tag%%.*}
sdk_version="$tag.100"
runtime_version="$tag.0"
if [ "$kind" = sdk ]; then
    if [ "$major" = 3 ]; then implements=".NET Core SDK $sdk_version"; else implements=".NET SDK $sdk_version"; fi
else
    implements="ASP.NET Core Runtime $runtime_version"
fi

labels=(--label "org.doccheck.standin=$kind" --label "org.doccheck.standin.implements=$implements")
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
# What the muxer looks for, as in a real install: shared frameworks and (sdk) an SDK. The
# one dotnet binary reads its versions from these directories.
for fw in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$dotnet_root/shared/$fw/$runtime_version"
    echo "doccheck stand-in: $fw $runtime_version" >"$dotnet_root/shared/$fw/$runtime_version/.version"
done
# The environment of the real images (README.md lists it per version). From 5.0 the sdk
# image is built FROM the aspnet one and unsets its ASPNETCORE_URLS (8.0 keeps the port).
env=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
case "$major" in
    3) env+=(ASPNETCORE_URLS=http://+:80 DOTNET_RUNNING_IN_CONTAINER=true) ;;
    5 | 6 | 7)
        if [ "$kind" = sdk ]; then env+=(ASPNETCORE_URLS=); else env+=(ASPNETCORE_URLS=http://+:80); fi
        env+=(DOTNET_RUNNING_IN_CONTAINER=true "DOTNET_VERSION=$runtime_version" "ASPNET_VERSION=$runtime_version")
        ;;
    *) env+=(APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
        "DOTNET_VERSION=$runtime_version" "ASPNET_VERSION=$runtime_version") ;;
esac
if [ "$major" -ge 8 ]; then
    # The non-root user 'app' of the 8.0 images (the default user stays root).
    mkdir -p "$root/etc" "$root/home/app"
    printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1654:1654::/home/app:/bin/sh\n' >"$root/etc/passwd"
    printf 'root:x:0:\napp:x:1654:\n' >"$root/etc/group"
fi
if [ "$kind" = sdk ]; then
    mkdir -p "$root/bin" "$dotnet_root/sdk/$sdk_version"
    echo "doccheck stand-in: $implements" >"$dotnet_root/sdk/$sdk_version/.version"
    install -m 0755 "$bin/sh" "$root/bin/sh"
    if [ "$major" -ge 6 ]; then env+=(DOTNET_GENERATE_ASPNET_CERTIFICATE=false DOTNET_NOLOGO=true); fi
    if [ "$major" -ge 5 ]; then env+=("DOTNET_SDK_VERSION=$sdk_version"); fi
    env+=(DOTNET_USE_POLLING_FILE_WATCHER=true NUGET_XMLDOC_MODE=skip)
    case "$major" in
        5) env+=(POWERSHELL_DISTRIBUTION_CHANNEL=PSDocker-DotnetSDK-Debian-10) ;;
        6 | 7) env+=(POWERSHELL_DISTRIBUTION_CHANNEL=PSDocker-DotnetSDK-Debian-11) ;;
        8) env+=(POWERSHELL_DISTRIBUTION_CHANNEL=PSDocker-DotnetSDK-Debian-12) ;;
    esac
fi
env_line="ENV ${env[*]}"
cat >"$ctx/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
$env_line
EOF

docker build --tag "$image" "${labels[@]}" "$ctx" >&2 || fail "docker build of the $kind stand-in failed"
echo "$image"
