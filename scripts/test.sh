#!/usr/bin/env bash
# Runs every test on a fresh machine: installs Chromium (Debian's package)
# when it is missing, installs npm dependencies, then runs `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing at $CHROMIUM. Install it with" >&2
    echo "  sudo apt-get install -y chromium" >&2
    echo "or set CHROMIUM_PATH to a Chromium binary." >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
npm test
