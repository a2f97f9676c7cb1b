#!/usr/bin/env bash
# Release build (server + islands WASM, wasm-opt), then pre-compressed copies of the
# static files (brotli -q 11, gzip -9) that the server sends as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo leptos build --release
for f in target/site/pkg/*.{wasm,js,css}; do
  [ -f "$f" ] || continue
  brotli -f -q 11 -o "$f.br" "$f"
  gzip -f -9 -k "$f"
done
