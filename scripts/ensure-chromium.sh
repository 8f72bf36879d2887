#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser tests (installs it with apt-get when missing).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null; then
  echo "Chromium missing at $CHROMIUM and not root: install the Debian package 'chromium'." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" != "0" ] && SUDO="sudo"
echo "Installing Chromium from Debian (apt-get install chromium)…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null
[ -x "$CHROMIUM" ]
