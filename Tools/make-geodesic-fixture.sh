#!/usr/bin/env bash
# Regenerates the geodesic reference fixture with Karney's geographiclib (PyPI).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
py="$("$root/Tools/venv.sh" 'geographiclib==2.*')"
"$py" "$root/Tools/make-geodesic-fixture.py" "$root/Tests/SelatGeoTests/Fixtures/geodesic.csv"
