#!/usr/bin/env bash
# Make the local base image the container test builds on, once.
#
# This machine reaches Debian's archive and PyPI but no image registry, so
# python:3.11-slim-bookworm cannot be pulled. The stand-in is Debian bookworm
# made with debootstrap: python3 (3.11, at /usr/bin/python3), python3-venv and
# ca-certificates, imported with `podman import`.
#
# Cached twice, so a rerun costs nothing: the image itself in podman's store
# (`podman image exists`), and its root filesystem as a tarball under
# $QUOTES_BASE_CACHE (default /var/cache/quotes-base), keyed by the recipe, so
# a wiped image store is refilled in seconds instead of another debootstrap.
#
# Usage: deploy/base-image.sh [IMAGE]     (prints the image name when done)
set -euo pipefail

image=${1:-${QUOTES_BASE_IMAGE:-localhost/quotes-base:bookworm}}
suite=bookworm
packages=python3,python3-venv,ca-certificates
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache_dir=${QUOTES_BASE_CACHE:-/var/cache/quotes-base}
# Bump when the recipe below changes in a way the package list does not show.
recipe=1
key=$(printf '%s|%s|%s' "$suite" "$packages" "$recipe" | sha256sum | cut -c1-12)
tarball=$cache_dir/$suite-$key.tar

if podman image exists "$image" &&
   [ "$(podman image inspect --format '{{index .Labels "quotes.base.key"}}' "$image")" = "$key" ]; then
  echo "$image"
  exit 0
fi

if [ ! -s "$tarball" ]; then
  mkdir -p "$cache_dir"
  work=$(mktemp -d "$cache_dir/rootfs.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  echo "base image: debootstrap $suite ($packages), a minute or two..." >&2
  debootstrap --variant=minbase --include="$packages" "$suite" "$work/rootfs" "$mirror" \
    >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  # What a running image never reads: package caches and lists, docs, man pages, locales.
  rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* \
         "$work"/rootfs/usr/share/doc/* "$work"/rootfs/usr/share/man/* \
         "$work"/rootfs/usr/share/info/* "$work"/rootfs/usr/share/locale/*
  tar --numeric-owner -C "$work/rootfs" -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
fi

podman import --quiet \
  --change 'CMD ["/usr/bin/python3"]' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change "LABEL quotes.base.key=$key" \
  "$tarball" "$image" >/dev/null
echo "$image"
