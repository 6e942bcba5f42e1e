#!/usr/bin/env bash
# Installs the Debian 12 packages coroscope needs, skipping those already present.
# Idempotent; works as root or through sudo. Usage: scripts/install-deps.sh [--bench]
set -euo pipefail

packages=(
  cmake g++ clang clang-14 pkg-config ninja-build ccache python3
  doctest-dev nlohmann-json3-dev libcli11-dev
  libimgui-dev libglfw3-dev python3-glad libstb-dev libfreetype-dev fonts-dejavu-core
  xvfb xauth
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libbenchmark-dev libboost-dev python3-uvloop)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
