"""The records an import's rows name (countries, themes, partners...), read once per import."""

from __future__ import annotations


class Lookups:
    """Countries, themes, SDGs, stages, levels and partners by the value a row names them with.

    Rows name the same few over and over; each value is read from the database once per
    import (and its absence remembered too), not once per row.
    """

    def __init__(self):
        self._found: dict[tuple[type, str], dict[str, object | None]] = {}

    def many(self, model, field_name: str, values: list[str], label: str, errors: list[str]):
        known = self._found.setdefault((model, field_name), {})
        unseen = [value for value in dict.fromkeys(values) if value not in known]
        if unseen:
            found = {
                str(getattr(obj, field_name)): obj
                for obj in model.objects.filter(**{f"{field_name}__in": unseen})
            }
            known.update({value: found.get(value) for value in unseen})
        missing = [v for v in values if known[v] is None]
        if missing:
            errors.append(f"{label}: unknown {', '.join(missing)}")
        return [known[v] for v in values if known[v] is not None]

    def one(self, model, field_name: str, value: str):
        found = self.many(model, field_name, [value], "", [])
        return found[0] if found else None
