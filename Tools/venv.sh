#!/usr/bin/env bash
# Creates (once) the Python virtualenv the Tools/ scripts use, at Tools/.venv (git-ignored),
# and installs the packages named as arguments into it. Prints the venv's python path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --upgrade pip >&2
fi
if [ "$#" -gt 0 ]; then
  "$venv/bin/pip" install --quiet "$@" >&2
fi
echo "$venv/bin/python"
