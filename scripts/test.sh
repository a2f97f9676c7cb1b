#!/usr/bin/env bash
# The whole test suite: format and lints, unit tests and the store story (SQLite and
# PostgreSQL), HTTP API tests (real router on a random port, real SMTP server), then the
# release build and the Playwright browser tests (Debian's Chromium, phone viewport,
# JavaScript on and off, axe-core on every page).
set -euo pipefail
cd "$(dirname "$0")/.."
# Keep a copy of the output for the closing summary.
log=$(mktemp)
exec > >(tee "$log") 2>&1
./scripts/setup.sh
source scripts/env.sh

step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

export PORTAIL_TEST_SMTPD="$PWD/.tools/venv/bin/aiosmtpd"
export PORTAIL_TEST_PYTHON="$PWD/.tools/venv/bin/python"
PG_URL="${PORTAIL_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
if [ "$PG_URL" != skip ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export PORTAIL_TEST_POSTGRES="$PG_URL"
  echo "PostgreSQL tests run against $PG_URL (one fresh database per test)."
elif [ -n "${CI:-}" ]; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432 and CI must not skip its tests." >&2
  exit 1
else
  export PORTAIL_TEST_POSTGRES=skip
  printf '\n\033[1;41m  WARNING: PostgreSQL unreachable on 127.0.0.1:5432 — the PostgreSQL tests are SKIPPED.  \033[0m\n\n'
fi

step "format"
cargo fmt --all -- --check

step "lints (per package: never unify ssr and hydrate)"
cargo clippy -q -p app --features ssr --tests -- -D warnings
cargo clippy -q -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
cargo clippy -q -p server --tests -- -D warnings

step "unit tests, services and the store story (SQLite + PostgreSQL)"
cargo test -p app --features ssr

step "HTTP API tests (SQLite + PostgreSQL)"
cargo test -p server

step "release build"
./scripts/build.sh

step "browser tests (Playwright + axe-core in Debian's Chromium)"
work=$(mktemp -d)
smtp_port=$(free_port)
port=$(free_port)
mkdir -p "$work/mail/tmp" "$work/mail/new" "$work/mail/cur"
"$PORTAIL_TEST_SMTPD" -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$work/mail" &
smtpd_pid=$!
DATABASE_URL="sqlite://$work/portail.db" \
PORTAIL__DEMO=true \
PORTAIL__HTTP__ADDR="127.0.0.1:$port" \
PORTAIL__HTTP__PUBLIC_URL="http://127.0.0.1:$port" \
PORTAIL__HTTP__SECURE_COOKIES=false \
PORTAIL__AUTH__SECRET=end2end-secret \
PORTAIL__AUTH__RATE_PER_MINUTE=1000 \
PORTAIL__AUTH__ACCOUNT_ATTEMPTS_PER_MINUTE=1000 \
PORTAIL__SMTP__HOST=127.0.0.1 \
PORTAIL__SMTP__PORT="$smtp_port" \
PORTAIL__JOBS__OUTBOX_INTERVAL_SECS=1 \
RUST_LOG=warn \
  target/release/server serve > "$work/server.log" 2>&1 &
server_pid=$!
cleanup() { kill "$server_pid" "$smtpd_pid" 2>/dev/null || true; }
trap cleanup EXIT
status=0
(cd end2end && E2E_BASE_URL="http://127.0.0.1:$port" E2E_MAILDIR="$work/mail" npx playwright test) || status=$?
if [ "$status" != 0 ]; then
  echo "--- server log (last 40 lines) ---"; tail -n 40 "$work/server.log"
  exit "$status"
fi
rust=$(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
browser=$(grep -oE '^ +[0-9]+ passed' "$log" | awk '{s += $1} END {print s + 0}')
skipped=$(grep -oE '^ +[0-9]+ skipped' "$log" | awk '{s += $1} END {print s + 0}')
echo
echo "All test stages passed: $rust Rust tests, $browser browser tests ($skipped skipped: the WASM negative control runs only with JavaScript)."
echo "$((rust + browser)) passed, 0 failed, $skipped skipped"
