#!/usr/bin/env bash
# Installs what the portal needs to build and be tested, when it is missing:
# wasm32 target, cargo-leptos (pinned), wasm-bindgen CLI (= Cargo.lock), Chromium
# (Debian's), npm packages (Playwright, axe-core, binaryen's wasm-opt), aiosmtpd (the
# test SMTP server) and the icalendar and ics Python packages (the calendar-file test).
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  if [ ! -f /tmp/.portail-apt-updated ]; then as_root apt-get update -q && touch /tmp/.portail-apt-updated; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

command -v cargo >/dev/null || { echo "Rust is required: https://rustup.rs" >&2; exit 1; }

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (long: tens of minutes on 2 cores)"
  cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
fi

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION (must match Cargo.lock)"
  cargo install wasm-bindgen-cli --version "=$WB_VERSION"
fi

if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's Chromium"
  apt_install chromium
fi
for tool in node npm python3 brotli gzip; do
  if ! command -v "$tool" >/dev/null; then
    say "installing $tool"
    case "$tool" in node) apt_install nodejs ;; python3) apt_install python3 python3-venv ;; *) apt_install "$tool" ;; esac
  fi
done

if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -x end2end/node_modules/.bin/wasm-opt ]; then
  say "installing npm packages (Playwright without its browser, axe-core, binaryen)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

if [ ! -x .tools/venv/bin/aiosmtpd ] || ! .tools/venv/bin/python -c 'import icalendar, ics, pypdf' 2>/dev/null; then
  # Debian ships python3 without venv/ensurepip unless python3-venv is installed.
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  say "installing aiosmtpd (the test SMTP server), two calendar parsers and a PDF reader in .tools/venv"
  [ -x .tools/venv/bin/pip ] || python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet aiosmtpd==1.4.6 icalendar==7.3.0 ics==0.7.3 pypdf==7.1.1
fi
say "ready"
