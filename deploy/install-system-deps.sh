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

source "$(dirname "$0")/apt-install.sh"
apt_install deploy-deps "the deploy tests that need them will skip" "${missing[@]}"
