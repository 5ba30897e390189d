"""One Wagtail locale per interface language, so every page can be translated into each."""

from django.conf import settings
from django.db import migrations


def locales_create(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("policylab_site", "0002_contact_page_emailing_editors"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(locales_create, migrations.RunPython.noop)]
