#!/usr/bin/env bash
# Installs everything Minnow's development needs on a fresh Debian machine: sqlite3 (the
# file-format oracle of the tests), Debian's chromium (browser tests), pnpm 10, and the
# workspace's packages. Safe to run again: what is present is not reinstalled.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

if ! command -v sqlite3 >/dev/null 2>&1 || [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing sqlite3 and chromium (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q sqlite3 chromium >/dev/null
fi

# pnpm 10 from the npm registry (corepack's signature check fails on this registry).
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version | cut -d. -f1)" != "10" ]; then
  echo "setup: installing pnpm 10"
  npm install -g pnpm@10 >/dev/null 2>&1 || $SUDO npm install -g pnpm@10 >/dev/null
fi

echo "setup: sqlite3 $(sqlite3 --version | cut -d' ' -f1), pnpm $(pnpm --version), node $(node --version)"
pnpm install --frozen-lockfile
