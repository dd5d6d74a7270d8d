#!/usr/bin/env bash
# Render real screens of the explorer on the shipped PII data to PNG files in
# screenshots/ (TestBackend → SVG in DejaVu Sans Mono → PNG with rsvg-convert).
# Installs fonts-dejavu-core and librsvg2-bin (Debian/Ubuntu) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
fc-list 2>/dev/null | grep -q "DejaVu Sans Mono" || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get install -y "${need[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${need[@]}"; }
fi

out=screenshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet --example screenshots -- "$tmp"
mkdir -p "$out"
for svg in "$tmp"/*.svg; do
    png="$out/$(basename "${svg%.svg}").png"
    rsvg-convert --zoom 1.0 -o "$png.tmp" "$svg"
    mv "$png.tmp" "$png"
    echo "$png"
done
