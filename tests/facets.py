"""Reading a rendered facet the way a reader sees it."""

import re


def language_options(facet) -> dict[str, tuple[str, str, int, bool]]:
    """{label: (lang, dir, count, selected)} of a Language facet's options (a parsed section)."""
    options = {}
    for link in facet.select("a.facet__option"):
        label = link.select_one("[lang]")
        count = int(re.sub(r"\D", "", link.select_one(".facet__count").get_text()))
        options[label.get_text(strip=True)] = (
            label["lang"],
            label["dir"],
            count,
            link.get("aria-current") == "true",
        )
    return options
