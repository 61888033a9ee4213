#!/usr/bin/env bash
# System packages the deploy tests need (tests/deploy/), installed with apt-get
# when run as root; `make test` and `make container-test` call this.
#
#   podman, buildah   build the Dockerfile and run the image (chroot isolation)
#   debootstrap       make the local Debian base image (deploy/base-image.sh)
#   nginx-light       the L7 gRPC proxy in front of the replicas (deploy/nginx/)
#   chromium          renders `quotes extract --format html` in tests/client/test_html_browser.py
#
# Idempotent and quiet: nothing is fetched when everything is there already.
# Not root (or no apt-get): one line naming what is missing, exit 0; the tests
# that need it then skip, naming it too.
set -euo pipefail

packages=(podman buildah debootstrap nginx-light chromium)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "deploy-deps: not installed (needs root and apt-get): ${missing[*]}; the deploy tests that need them will skip"
  exit 0
fi

echo "deploy-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
  tail -20 "$log" >&2
  echo "deploy-deps: apt-get failed installing ${missing[*]}" >&2
  exit 1
fi
