#!/usr/bin/env bash
# Lays out dist/ from a release build: exactly what the Containerfile copies into the image.
#   dist/robot-console   the server (with the embedded backend built in)
#   dist/site/           the browser assets (wasm, JS, CSS, fonts), LEPTOS_SITE_ROOT
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
test -x target/release/robot-console || { echo "no release build: run make build-release" >&2; exit 1; }
test -d target/site/pkg || { echo "no target/site: run make build-release" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
cp target/release/robot-console "$out/"
cp -r target/site "$out/site"
echo "dist: $(du -sh "$out" | cut -f1) in $out ($(ls "$out/site/pkg" | wc -l) files in site/pkg)"
