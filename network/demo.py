"""Demo content for the network app, called by `manage.py seed_demo`. Must stay idempotent.

Partner institutions in every South Asian country, the November 2025 conference at the
University of the Punjab (see /work/shared/seeds) and two upcoming network events. The text
is in ``data/demo/partners.json`` and ``data/demo/events.json``: one object per page, in the
page's own field names; countries, government levels and partners by code or slug,
representatives by demo person handle, event times in ISO 8601 with their offset and an
event's programme as the StreamField's JSON. Pages are published as an editor publishes them
in the admin (one revision each).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from core.models import Country

from .models import GovernmentLevel, NetworkEventPage, NetworkIndexPage, PartnerPage

DATA = Path(__file__).resolve().parent / "data" / "demo"


def _read(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _upsert(parent, model, slug: str, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    m2m = {key: fields.pop(key) for key in list(fields) if key in {"partners", "representatives"}}
    if page is None:
        page = model(slug=slug, **fields)
        for key, value in m2m.items():
            setattr(page, key, value)
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        for key, value in m2m.items():
            setattr(page, key, value)
    page.save_revision().publish()
    return page


def seed(*, home, people, stdout) -> None:
    """Create or update this app's demo content under ``home``."""
    index = NetworkIndexPage.objects.child_of(home).first()
    if index is None:
        return
    countries = {country.code: country for country in Country.objects.all()}
    levels = {level.slug: level for level in GovernmentLevel.objects.all()}
    partners = {}
    for spec in _read("partners.json"):
        partners[spec["slug"]] = _upsert(
            index,
            PartnerPage,
            **{
                **spec,
                "country": countries[spec["country"]],
                "government_level": levels.get(spec["government_level"]),
                "representatives": [people[handle] for handle in spec.get("representatives", [])],
                "focal_person_name": spec.get("focal_person_name", ""),
                "focal_person_title": spec.get("focal_person_title", ""),
            },
        )
    events = _read("events.json")
    for spec in events:
        _upsert(
            index,
            NetworkEventPage,
            **{
                **spec,
                "starts_at": datetime.datetime.fromisoformat(spec["starts_at"]),
                "ends_at": datetime.datetime.fromisoformat(spec["ends_at"]),
                "country": countries.get(spec["country"]),
                # A StreamField reads its own JSON from a string.
                "programme": json.dumps(spec["programme"]),
                "partners": [partners[slug] for slug in spec["partners"]],
            },
        )
    stdout.write(f"  network: {len(partners)} partners, {len(events)} events")
