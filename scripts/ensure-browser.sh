#!/usr/bin/env bash
# Browser tests (the SVG network map, the zone dashboard and GraphiQL in headless Chromium) need Debian's chromium.
# On a fresh machine the project installs it, as the environment expects; nothing to do when present.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "chromium is missing and cannot be installed here (needs root and apt-get): the browser tests will fail." >&2
