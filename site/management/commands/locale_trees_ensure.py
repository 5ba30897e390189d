"""Give every interface language its home page and section indexes (``locale_tree_ensure``)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from policylab_site.services import locale_tree_ensure


class Command(BaseCommand):
    help = "Create each language's home page and section indexes, so pages can be translated."

    def handle(self, *args, **options):
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            home = locale_tree_ensure(language_code=code)
            self.stdout.write(f"{code}: {home.url_path}")
