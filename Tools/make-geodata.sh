#!/usr/bin/env bash
# Regenerates GeoData/ from GSHHG full resolution (via GMT) and ../shared/reference/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v gmt >/dev/null || [ ! -e /usr/share/gmt-gshhg/binned_GSHHS_f.nc ]; then
  echo "Installing gmt and gmt-gshhg-full (Debian) ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gmt gmt-gshhg-full
fi
py="$("$root/Tools/venv.sh" 'shapely==2.*' 'geographiclib==2.*')"
reference="${1:-$root/../shared/reference}"
"$py" "$root/Tools/make-geodata.py" "$root/GeoData" "$reference"
