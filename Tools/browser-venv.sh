#!/usr/bin/env bash
# The Python virtualenv the browser tests drive Chromium with (Selenium from PyPI; chromedriver
# from Debian's chromium-driver). Out of git: .build/browser-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/browser-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "selenium>=4.20"
fi
"$venv/bin/python" -c "import selenium; print('selenium', selenium.__version__)"
