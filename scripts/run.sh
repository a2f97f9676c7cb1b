#!/usr/bin/env bash
# One command: install what is missing, build, and serve the portal on
# http://127.0.0.1:3000 with an embedded SQLite database (data/) and demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
mkdir -p data
# A stable key for codes and invitation links, made once.
[ -s data/secret.key ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > data/secret.key
export PORTAIL__AUTH__SECRET="$(cat data/secret.key)"
export PORTAIL__DEMO="${PORTAIL__DEMO:-true}"
# Plain HTTP on localhost: the Secure/__Host- cookie would not be sent.
export PORTAIL__HTTP__SECURE_COOKIES="${PORTAIL__HTTP__SECURE_COOKIES:-false}"
echo "Portail ALI: http://127.0.0.1:3000 (Ctrl-C to stop)"
exec target/release/server serve
