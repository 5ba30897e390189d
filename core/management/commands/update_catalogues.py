"""Refresh the message catalogues in locale/ from the source, then compile them.

Run after changing any user-facing string (``make messages``). Needs GNU gettext (Debian's
``gettext`` package), as Django's own makemessages does; the compiled ``.mo`` files are
committed, so running the site never needs it.

Besides this project's own strings, the catalogues carry the strings of Django, allauth and
django-taggit that people see on this site's forms (field errors, password rules, sign-in
errors). Those packages ship no Sinhala and only partial Urdu, Hindi, Nepali, Bengali and Tamil
catalogues; a translation in locale/ wins over theirs because LOCALE_PATHS comes first.
"""

import shutil
import subprocess
import tempfile
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Paths inside installed packages whose strings reach our users through forms and messages.
UPSTREAM_SOURCES = {
    "django": [
        "forms/fields.py",
        "forms/models.py",
        "forms/widgets.py",
        "core/validators.py",
        "contrib/auth/password_validation.py",
    ],
    "allauth": ["account/forms.py", "account/adapter.py"],
    "taggit": ["forms.py"],
}
IGNORED_FOLDERS = [
    "node_modules",
    "tests",
    "bench",
    "test-artifacts",
    "private-media",
    "*.egg-info",
]
XGETTEXT_KEYWORDS = [
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext:1,2",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]


def gettext_tool(*arguments: str, cwd: Path | None = None) -> None:
    """Run one GNU gettext program (fixed names, arguments built here); fail loudly."""
    program = shutil.which(arguments[0])
    if program is None:
        raise CommandError(f"{arguments[0]} not found: install GNU gettext (Debian: gettext).")
    subprocess.run([program, *arguments[1:]], check=True, cwd=cwd)  # noqa: S603


def upstream_files() -> tuple[Path, list[str]]:
    """The folder the packages are installed in, and their files relative to it: the catalogues
    then point at ``django/forms/fields.py``, the same on every machine and virtualenv."""
    installed = Path(find_spec("django").origin).parent.parent
    files = []
    for package, paths in UPSTREAM_SOURCES.items():
        root = Path(find_spec(package).origin).parent
        files += [str((root / path).relative_to(installed)) for path in paths]
    return installed, files


class Command(BaseCommand):
    help = "Extract every translatable string into locale/<lang>/LC_MESSAGES/django.po and compile."

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        call_command(
            "makemessages",
            locale=languages,
            ignore_patterns=IGNORED_FOLDERS,
            # Upstream strings are not in our own template: kept as obsolete here, msgmerge
            # revives them with their translations below, and msgattrib drops the truly gone.
            no_obsolete=False,
            keep_pot=True,
            no_wrap=True,
            verbosity=0,
        )
        own_template = locale_dir / "django.pot"
        with tempfile.TemporaryDirectory() as work:
            upstream_template = Path(work) / "upstream.pot"
            combined_template = Path(work) / "combined.pot"
            installed, upstream = upstream_files()
            gettext_tool(
                "xgettext",
                "-L",
                "Python",
                "--from-code=UTF-8",
                "-o",
                str(upstream_template),
                *[f"--keyword={keyword}" for keyword in XGETTEXT_KEYWORDS],
                *upstream,
                cwd=installed,
            )
            gettext_tool(
                "msgcat",
                "--use-first",
                "-o",
                str(combined_template),
                str(own_template),
                str(upstream_template),
            )
            for code in languages:
                catalogue = locale_dir / code / "LC_MESSAGES" / "django.po"
                gettext_tool(
                    "msgmerge",
                    "--quiet",
                    "--update",
                    "--backup=none",
                    "--no-fuzzy-matching",
                    "--no-wrap",
                    str(catalogue),
                    str(combined_template),
                )
                gettext_tool(
                    "msgattrib", "--no-obsolete", "--no-wrap", "-o", str(catalogue), str(catalogue)
                )
                # --check also refuses a translation that drops or renames a %(placeholder)s.
                gettext_tool(
                    "msgfmt", "--check", "-o", str(catalogue.with_suffix(".mo")), str(catalogue)
                )
        own_template.unlink()
        self.stdout.write(f"Catalogues updated and compiled for: {', '.join(languages)}")
