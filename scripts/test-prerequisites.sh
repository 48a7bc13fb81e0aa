#!/usr/bin/env bash
# What `npm test` needs besides Node, Java and Maven, each installed here when missing, saying so:
#  - Debian's chromium, for the browser tests (scripts/ensure-browser.sh: apt-get, as root);
#  - networkx, the reference the measures are compared with (tests/helpers/networkx.ts), and pyogrio
#    with shapely, the GIS reader the map exports are read back with (tests/helpers/gis.ts):
#    pip-installed once into the ignored .pydeps/ folder, which needs python3 with pip. Installed here,
#    before jest starts its workers, so that two test files never install them at the same time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-browser.sh

version=$(sed -n "s/^const VERSION = '\([0-9.]*\)';/\1/p" tests/helpers/networkx.ts)
gis=$(sed -n "s/^const PACKAGES = \[\(.*\)\];/\1/p" tests/helpers/gis.ts | tr -d "',")
if [ -f .pydeps/networkx/__init__.py ] && [ -f .pydeps/pyogrio/__init__.py ] && [ -f .pydeps/shapely/__init__.py ]; then exit 0; fi
if ! command -v python3 >/dev/null 2>&1 || ! python3 -m pip --version >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing python3 and pip (apt-get) for the networkx reference test…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-pip >/dev/null
  else
    echo "python3 with pip is missing: the networkx reference test (src/modules/network/measures/reference.test.ts) will fail. Install python3 and python3-pip." >&2
    exit 0
  fi
fi
if [ ! -f .pydeps/networkx/__init__.py ]; then
  echo "Installing networkx ${version} from PyPI into .pydeps/ (once, for the reference test of the network measures)…"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target .pydeps "networkx==${version}" ||
    echo "Could not install networkx (no network to PyPI?): the reference test will fail." >&2
fi
if [ ! -f .pydeps/pyogrio/__init__.py ] || [ ! -f .pydeps/shapely/__init__.py ]; then
  echo "Installing ${gis} from PyPI into .pydeps/ (once, to read the GIS exports back as QGIS would)…"
  # shellcheck disable=SC2086 # the package list splits on spaces
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target .pydeps ${gis} ||
    echo "Could not install the GIS reader (no network to PyPI?): the map export tests will fail." >&2
fi
