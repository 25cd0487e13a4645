#!/usr/bin/env bash
# Fails unless every container base image it is given is pinned by digest (issue 11).
#
#   bash scripts/base-images-check.sh BUILD_IMAGE="$BUILD_IMAGE" RUNTIME_IMAGE="$RUNTIME_IMAGE"
#
# Each argument is NAME=REFERENCE; a reference passes only as `name[:tag]@sha256:<64 hex>`. The
# release and CI workflows run it before the first job that pulls or builds from the images
# (the repository variables BUILD_IMAGE and RUNTIME_IMAGE), so a tag that moves, or a variable
# that is empty, stops the pipeline instead of building on an unknown base. Prints one line per
# image; exit 1 if any is not pinned.
set -euo pipefail

(($# > 0)) || {
    echo "base-images-check: no image given (NAME=REFERENCE ...)" >&2
    exit 2
}
bad=0
for arg in "$@"; do
    name="${arg%%=*}"
    ref="${arg#*=}"
    if [[ "$arg" != *=* || -z "$name" ]]; then
        echo "base-images-check: '$arg' is not NAME=REFERENCE" >&2
        exit 2
    fi
    if [[ "$ref" =~ ^[a-z0-9]([a-z0-9._/-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9._-]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[0-9a-f]{64}$ ]]; then
        echo "$name: pinned (${ref##*@})"
    else
        echo "$name: not pinned by digest: '${ref}' (expected name[:tag]@sha256:<64 hex>)"
        bad=$((bad + 1))
    fi
done
((bad == 0))
