"""Citation export for case studies and findings: BibTeX, RIS and a plain reference."""

from __future__ import annotations

import re
import unicodedata

SITE_PUBLISHER = "Policy Lab Commons"


def authors(page) -> list[str]:
    names = getattr(page, "author_names", None)
    if names:
        return list(names)
    names = [partner.title for partner in page.partner_pages]
    return names or [SITE_PUBLISHER]


def _open_licence(page):
    """The item's licence when it has a public deed; nothing is claimed for the others."""
    licence = page.specific.licence_details
    return licence if licence.is_open else None


def _licence_note(page) -> str:
    licence = _open_licence(page)
    return f"Licence: {licence.name} ({licence.url})" if licence else ""


def _year(page) -> str:
    date = getattr(page, "publication_date", None) or page.first_published_at
    return str(date.year) if date else ""


def _kind(page) -> str:
    return "finding" if page.specific_class.__name__ == "FindingPage" else "case-study"


def _bibtex_escape(text: str) -> str:
    text = str(text)
    for char, replacement in (
        ("\\", r"\textbackslash{}"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("$", r"\$"),
        ("#", r"\#"),
        ("_", r"\_"),
    ):
        text = text.replace(char, replacement)
    return " ".join(text.split())


def citation_key(page) -> str:
    first = authors(page)[0]
    ascii_name = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
    word = re.sub(r"[^A-Za-z]", "", ascii_name.split()[-1] if ascii_name.split() else "") or "pl"
    title_word = re.sub(r"[^A-Za-z]", "", (page.title.split() or ["item"])[0]).lower()
    return f"{word.lower()}{_year(page)}{title_word}{page.pk}"


def _bibtexauthors(page) -> str:
    # Institutions are wrapped in braces so BibTeX does not split them into first/last names.
    names = authors(page)
    if getattr(page, "author_names", None):
        return " and ".join(_bibtex_escape(name) for name in names)
    return " and ".join("{" + _bibtex_escape(name) + "}" for name in names)


def to_bibtex(page, *, url: str) -> str:
    entry_type = "techreport" if _kind(page) == "finding" else "misc"
    fields = {
        "title": "{" + _bibtex_escape(page.title) + "}",
        "author": _bibtexauthors(page),
        "year": _year(page),
        "url": url,
        "publisher" if entry_type == "misc" else "institution": _bibtex_escape(SITE_PUBLISHER),
        "note": _bibtex_escape(
            "Case study" if entry_type == "misc" else page.specific.get_kind_display()
        ),
        # biblatex and Zotero read ``copyright`` as the rights statement.
        "copyright": _bibtex_escape(_open_licence(page).name) if _open_licence(page) else "",
    }
    lines = [f"@{entry_type}{{{citation_key(page)},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_ris(page, *, url: str) -> str:
    kind = _kind(page)
    lines = [f"TY  - {'RPRT' if kind == 'finding' else 'CASE'}"]
    lines.append(f"TI  - {page.title}")
    lines += [f"AU  - {name}" for name in authors(page)]
    if _year(page):
        lines.append(f"PY  - {_year(page)}")
    lines.append(f"PB  - {SITE_PUBLISHER}")
    lines.append(f"UR  - {url}")
    summary = getattr(page, "plain_summary", "")
    if summary:
        lines.append(f"AB  - {summary}")
    for keyword in getattr(page, "theme_names", []):
        lines.append(f"KW  - {keyword}")
    if _licence_note(page):
        # RIS has no rights tag; N1 (notes) is what reference managers show and keep.
        lines.append(f"N1  - {_licence_note(page)}")
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def to_plain(page, *, url: str) -> str:
    """Author(s) (Year). Title. Kind. Policy Lab Commons. URL[. Licence: Name (deed URL).]"""
    names = authors(page)
    author_text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    label = "Case study" if _kind(page) == "case-study" else page.specific.get_kind_display()
    year = _year(page)
    citation = f"{author_text} ({year or 'n.d.'}). {page.title}. {label}. {SITE_PUBLISHER}. {url}"
    note = _licence_note(page)
    return f"{citation}. {note}." if note else citation


#: Format name in the ``cite/<format>/`` route → (render, content type, file extension).
CITATION_FORMATS = {
    "bibtex": (to_bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "ris": (to_ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "plain": (to_plain, "text/plain; charset=utf-8", "txt"),
}
