#!/usr/bin/env bash
# Recomputes Tests/SelatAnalysisTests/Fixtures with the peer libraries (esda/libpysal,
# scikit-learn, pyproj, pymannkendall) in the Tools/.venv virtualenv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="$("$here/venv.sh" numpy esda libpysal scikit-learn pyproj pymannkendall)"
"$py" "$here/make-analysis-fixtures.py" "$here/../Tests/SelatAnalysisTests/Fixtures"
