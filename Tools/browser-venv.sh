#!/usr/bin/env bash
# The Python virtualenv of the server's outside tests: Selenium drives Chromium (chromedriver from
# Debian's chromium-driver), schemathesis fuzzes the API from openapi.json. Both from PyPI; out of
# git: .build/browser-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/browser-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import selenium, schemathesis" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "selenium>=4.20" "schemathesis>=4.0"
fi
"$venv/bin/python" -c "import selenium, schemathesis; print('selenium', selenium.__version__, 'schemathesis', schemathesis.__version__)"
